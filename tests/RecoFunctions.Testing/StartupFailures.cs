using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace RecoFunctions.Testing;

/// <summary>Runs a host's start-up validation and returns every failure message, from one section or several.</summary>
public static class StartupFailures
{
    public static IReadOnlyList<string> Of(IServiceProvider services)
    {
        var error = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IStartupValidator>().Validate());
        var failures = Flatten(error).ToList();
        Assert.NotEmpty(failures);
        return failures;
    }

    private static IEnumerable<string> Flatten(Exception error) => error switch
    {
        OptionsValidationException options => options.Failures,
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Flatten),
        _ => throw new Xunit.Sdk.XunitException($"start-up failed with {error.GetType().Name} instead of a validation failure: {error.Message}"),
    };
}
