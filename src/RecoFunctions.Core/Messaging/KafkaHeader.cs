namespace RecoFunctions.Core.Messaging;

public sealed record KafkaHeader(string Key, byte[]? Value);
