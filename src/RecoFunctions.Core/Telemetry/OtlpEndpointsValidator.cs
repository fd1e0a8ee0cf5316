using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace RecoFunctions.Core.Telemetry;

/// <summary>Fails start-up when an OTLP endpoint key holds no usable URL, naming the key.</summary>
internal sealed class OtlpEndpointsValidator(IConfiguration configuration) : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var problems = OtlpEndpoints.Problems(configuration).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
