namespace RecoFunctions.Core.Domain;

public enum ContentEventType
{
    Published,
    Updated,
    Unpublished,
}
