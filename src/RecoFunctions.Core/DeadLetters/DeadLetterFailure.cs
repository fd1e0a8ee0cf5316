using System.Globalization;
using System.Text.Json.Serialization;

namespace RecoFunctions.Core.DeadLetters;

/// <summary>
/// Why a message failed, typed rather than as text to be parsed back: the <see cref="Stage"/>, the rule or service that
/// failed it (<see cref="Source"/>), the HTTP status if there was one, whether the cause could have passed with time,
/// and a one-line <see cref="Detail"/> for people (e.g. <c>validate: maxLength at $.content.title</c>).
/// </summary>
public sealed record DeadLetterFailure(DeadLetterStage Stage, string Detail)
{
    /// <summary>What <see cref="Label"/> says when a failure names neither rule nor service (dead letters of older versions).</summary>
    public const string Unclassified = "unclassified";

    /// <summary>The validation rule (e.g. <c>maxLength</c>) or the downstream service (e.g. <c>content-api</c>) that failed the message.</summary>
    public string? Source { get; init; }

    /// <summary>The HTTP status of the failed call, when there was one.</summary>
    public int? Status { get; init; }

    /// <summary>True when the cause could pass with time (timeouts, throttling, server errors, open breakers).</summary>
    public bool IsTransient { get; init; }

    /// <summary>The stage's wire name, e.g. <c>validate</c>.</summary>
    [JsonIgnore]
    public string StageName => DeadLetterStages.Name(Stage);

    /// <summary>
    /// The cause without per-message detail, for metric labels and audit classes, so that they stay few: the source and
    /// the status, e.g. <c>maxLength</c>, <c>content-api 404</c>.
    /// </summary>
    [JsonIgnore]
    public string Label => (Source, Status) switch
    {
        ({ Length: > 0 } source, { } status) => string.Create(CultureInfo.InvariantCulture, $"{source} {status}"),
        ({ Length: > 0 } source, null) => source,
        _ => Unclassified,
    };
}
