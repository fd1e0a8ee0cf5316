using System.Net;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Messaging;

namespace RecoFunctions.Core.Services;

/// <summary>Why a call (or one item of a batch call) to a downstream service failed, and whether trying again can help.</summary>
internal sealed record ServiceFailure(string Service, bool IsTransient, string Reason, TimeSpan? RetryAfter = null, int? Status = null)
{
    private const int MaxMessageLength = 200;

    /// <summary>Timeouts, throttling and server errors may pass; every other 4xx will fail again.</summary>
    public static bool IsTransientStatus(int statusCode) => statusCode is 408 or 429 or >= 500;

    /// <summary>E.g. <c>content-api: 404 NotFound (content 'a-1' does not exist)</c>.</summary>
    public static ServiceFailure FromStatus(string service, int statusCode, string? message = null, TimeSpan? retryAfter = null) =>
        new(service, IsTransientStatus(statusCode), $"{service}: {statusCode} {(HttpStatusCode)statusCode}{Detail(message)}", retryAfter, statusCode);

    /// <summary>A failure with a label instead of an HTTP status, e.g. <c>recommender-api: 400 rejected (version must be at least 1)</c>.</summary>
    public static ServiceFailure Labelled(string service, bool transient, string label, string? message = null, TimeSpan? retryAfter = null, int? status = null) =>
        new(service, transient, $"{service}: {label}{Detail(message)}", retryAfter, status);

    public DeadLetterFailure ToFailure(DeadLetterStage stage) =>
        new(stage, Reason) { Source = Service, Status = Status, IsTransient = IsTransient };

    public ItemOutcome ToOutcome(MessageId id, DeadLetterStage stage) =>
        IsTransient ? ItemOutcome.Later(id, ToFailure(stage), RetryAfter) : ItemOutcome.DeadLetter(id, ToFailure(stage));

    private static string Detail(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return string.Empty;
        }

        var oneLine = message.ReplaceLineEndings(" ").Trim();
        return $" ({(oneLine.Length > MaxMessageLength ? oneLine[..MaxMessageLength] + "…" : oneLine)})";
    }
}
