using RecoFunctions.Core.Parsing;

namespace RecoFunctions.Core.Validation;

/// <summary>
/// The state of validating one message: its key, the clock (read at most once), the current array indices and the
/// violations found so far. A ref struct on the stack, so a valid message costs no allocation here.
/// </summary>
internal ref struct ValidationRun
{
    private readonly TimeProvider _clock;
    private DateTimeOffset _now;
    private bool _hasNow;

    public ValidationRun(string? key, bool keyKnown, TimeProvider clock)
    {
        Key = key;
        KeyKnown = keyKnown;
        _clock = clock;
    }

    /// <summary>The message key, when the source has keys (Kafka); files have none.</summary>
    public readonly string? Key { get; }

    public readonly bool KeyKnown { get; }

    public ElementIndices Indices;

    public bool KeyReported { get; set; }

    public List<Violation>? Violations { get; private set; }

    public DateTimeOffset Now
    {
        get
        {
            if (!_hasNow)
            {
                _now = _clock.GetUtcNow();
                _hasNow = true;
            }

            return _now;
        }
    }

    public void Add(RuleNode node, string rule, string message) => Add(node.Format(Indices), rule, message);

    public void Add(string path, string rule, string message) => (Violations ??= new List<Violation>(4)).Add(new Violation(path, rule, message));
}
