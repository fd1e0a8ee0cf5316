using System.ComponentModel.DataAnnotations;

namespace RecoFunctions.Core.Services;

/// <summary>The value, when present, is an absolute http or https URL (absence is for <c>Required</c> to judge).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AbsoluteHttpUrlAttribute : ValidationAttribute
{
    public AbsoluteHttpUrlAttribute()
        : base("{0} must be an absolute http or https URL")
    {
    }

    public override bool IsValid(object? value) =>
        value is null or ""
        || (value is string text
            && Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));
}
