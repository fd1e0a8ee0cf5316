namespace RecoFunctions.Core.Delivery;

/// <summary>Items are upserted or deleted; campaigns are upserted or retired.</summary>
public static class DeliveryActions
{
    public const string Upsert = "upsert";
    public const string Delete = "delete";
    public const string Retire = "retire";
}
