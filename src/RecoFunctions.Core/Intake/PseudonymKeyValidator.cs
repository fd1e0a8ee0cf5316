using Microsoft.Extensions.Options;
using RecoFunctions.Core.Privacy;

namespace RecoFunctions.Core.Intake;

/// <summary>
/// Start-up check of <c>Privacy:PseudonymKey</c>: required, and long enough, while an enabled flow carries user ids
/// (contract <c>interactions.v1</c>); a key that is set is checked either way. Hand-written because the requirement
/// depends on another section. Never shows the key.
/// </summary>
internal sealed class PseudonymKeyValidator(Func<bool> required) : IValidateOptions<PrivacyOptions>
{
    public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name != Options.DefaultName)
        {
            return ValidateOptionsResult.Skip;
        }

        var problem = options.PseudonymKey is not null || required() ? PseudonymKeyCheck.Problem(options.PseudonymKey) : null;
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }
}
