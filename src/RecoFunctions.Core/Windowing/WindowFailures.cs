using System.Globalization;
using RecoFunctions.Core.DeadLetters;

namespace RecoFunctions.Core.Windowing;

/// <summary>The dead-letter failures of the window stage: <c>late</c> and <c>capacity</c>.</summary>
internal static class WindowFailures
{
    public const string Late = "late";

    public const string Capacity = "capacity";

    public static DeadLetterFailure LateEvent(DateTimeOffset occurredAt, DateTimeOffset watermark, TimeSpan allowedLateness) =>
        new(DeadLetterStage.Window, string.Format(
            CultureInfo.InvariantCulture,
            "window: late, event time {0:O} is in windows already closed at watermark {1:O} (Windowing:AllowedLateness {2:c})",
            occurredAt,
            watermark,
            allowedLateness))
        { Source = Late };

    public static DeadLetterFailure TooManyUsers(int maxUsers) =>
        new(DeadLetterStage.Window, string.Format(
            CultureInfo.InvariantCulture, "window: Windowing:MaxUsersPerPartition ({0}) reached; the user's event is not counted", maxUsers))
        { Source = Capacity };

    public static DeadLetterFailure TooManyEvents(int maxEvents, string window, DateTimeOffset start) =>
        new(DeadLetterStage.Window, string.Format(
            CultureInfo.InvariantCulture, "window: Windowing:MaxEventsPerUserWindow ({0}) reached in the user's {1} window from {2:O}", maxEvents, window, start))
        { Source = Capacity };
}
