namespace RecoFunctions.Local.Workload;

/// <summary>The configured type of a field (<c>Type</c> of a field rule), as far as breaking it is concerned.</summary>
internal enum FieldKind
{
    None,
    String,
    Integer,
    Number,
    Boolean,
    Object,
    Array,
    Timestamp,
    Url,
}
