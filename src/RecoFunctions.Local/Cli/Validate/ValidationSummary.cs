using System.Globalization;
using RecoFunctions.Core.Intake;

namespace RecoFunctions.Local.Cli.Validate;

/// <summary>Counts of a <c>reco validate</c> run, written to standard error when it ends.</summary>
internal sealed class ValidationSummary
{
    private readonly Dictionary<string, int> _byRule = new(StringComparer.Ordinal);

    public long Lines { get; private set; }

    public long Invalid { get; private set; }

    public long Valid => Lines - Invalid;

    public IReadOnlyDictionary<string, int> ViolationsByRule => _byRule;

    public void Add(IntakeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Lines++;
        if (result.IsValid)
        {
            return;
        }

        Invalid++;
        foreach (var violation in result.Violations)
        {
            _byRule[violation.Rule] = _byRule.GetValueOrDefault(violation.Rule) + 1;
        }
    }

    public void WriteTo(TextWriter writer, string flow, string source)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reco validate: {source}, flow {flow}: {Lines} {(Lines == 1 ? "line" : "lines")}, {Valid} valid, {Invalid} invalid"));
        if (_byRule.Count == 0)
        {
            return;
        }

        writer.WriteLine("violations by rule:");
        var width = _byRule.Keys.Max(rule => rule.Length);
        foreach (var (rule, count) in _byRule.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal))
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {rule.PadRight(width)}  {count,8}"));
        }
    }
}
