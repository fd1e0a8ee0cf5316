using System.Globalization;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Processing;
using RecoFunctions.Core.Workflow;

namespace RecoFunctions.Testing;

/// <summary>
/// A workflow context whose processor is a script and whose clock moves only by the delays the workflow asks for (and
/// by <see cref="StepDuration"/> per step). Records every call, in order, as text.
/// </summary>
public sealed class ScriptedWorkflowContext(DateTimeOffset start, Func<BatchStepRequest, BatchStepResult> script) : IWorkflowContext
{
    private DateTimeOffset _now = start;

    public List<string> Calls { get; } = [];

    public List<BatchStepRequest> Requests { get; } = [];

    public List<TimeSpan> Delays { get; } = [];

    public TimeSpan StepDuration { get; init; } = TimeSpan.FromMilliseconds(100);

    public DateTimeOffset UtcNow
    {
        get
        {
            Calls.Add("now " + _now.ToString("O", CultureInfo.InvariantCulture));
            return _now;
        }
    }

    public Task<BatchStepResult> ProcessAsync(BatchStepRequest request)
    {
        Calls.Add($"process {request.Flow} attempt {request.Attempt}: {string.Join(",", request.Items.Select(item => item.Id.Offset))}");
        Requests.Add(request);
        _now += StepDuration;
        return Task.FromResult(script(request));
    }

    public Task DelayAsync(TimeSpan delay)
    {
        Calls.Add("delay " + delay.ToString("c", CultureInfo.InvariantCulture));
        Delays.Add(delay);
        _now += delay;
        return Task.CompletedTask;
    }

    /// <summary>A script from a per-item rule: (offset, attempt) → outcome, or null to leave the item out of the answer.</summary>
    public static Func<BatchStepRequest, BatchStepResult> PerItem(Func<WorkItem, int, ItemOutcome?> rule) =>
        request => new BatchStepResult([.. request.Items.Select(item => rule(item, request.Attempt)).OfType<ItemOutcome>()]);
}
