namespace RecoFunctions.Core.Flows;

/// <summary>The rules that apply to one field; every property left unset is not checked.</summary>
public sealed class FieldRuleOptions
{
    public bool Required { get; set; }

    /// <summary>string, integer, number, boolean, object, array, timestamp or url.</summary>
    public string? Type { get; set; }

    public List<string>? Enum { get; set; }

    public string? Pattern { get; set; }

    public int? MinLength { get; set; }

    public int? MaxLength { get; set; }

    public double? Minimum { get; set; }

    public double? Maximum { get; set; }

    public int? MinItems { get; set; }

    public int? MaxItems { get; set; }

    public TimeSpan? MaxFutureSkew { get; set; }

    /// <summary>For <c>url</c> fields: allowed schemes; defaults to https and http.</summary>
    public List<string>? Schemes { get; set; }
}
