namespace RecoFunctions.Core.Validation;

/// <summary>The value types a field rule can demand (configuration key <c>Type</c>).</summary>
public enum FieldType
{
    None,
    String,
    Integer,
    Number,
    Boolean,
    Object,
    Array,

    /// <summary>An ISO 8601 string with an explicit offset (<c>Z</c> or <c>±hh:mm</c>).</summary>
    Timestamp,

    /// <summary>An absolute URI string with one of the allowed schemes.</summary>
    Url,
}
