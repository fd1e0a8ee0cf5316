namespace RecoFunctions.Core.Domain;

public enum CampaignEventType
{
    Activated,
    Updated,
    Paused,
    Ended,
}
