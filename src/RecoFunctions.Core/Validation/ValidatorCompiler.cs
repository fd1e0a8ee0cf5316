using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Parsing;

namespace RecoFunctions.Core.Validation;

/// <summary>
/// Turns a flow's <see cref="ValidationOptions"/> into a <see cref="FlowValidator"/>, or into a list of problems,
/// each naming the configuration key at fault (e.g. <c>Pipeline:Flows:content:Validation:Fields:content.title:Pattern</c>).
/// </summary>
internal static class ValidatorCompiler
{
    /// <summary>A pattern that takes longer than this on one value is reported as not matching: a slow regex must not stall a partition.</summary>
    public static readonly TimeSpan PatternMatchTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Compiled patterns by their text. A compiled regex is immutable and thread-safe, and compiling one emits and
    /// JIT-compiles code: a configuration reload or a second host in the process reuses it rather than paying again.
    /// </summary>
    private static readonly ConcurrentDictionary<string, Regex> CompiledPatterns = new(StringComparer.Ordinal);

    public static IReadOnlyList<string> CrossFieldRuleNames { get; } = [RuleNames.After, RuleNames.MatchesKey];

    private static readonly string[] DefaultSchemes = ["https", "http"];

    /// <summary>
    /// Compiles the rules under <paramref name="keyPrefix"/> (e.g. <c>Pipeline:Flows:content:Validation</c>); returns null
    /// when <paramref name="errors"/> received at least one problem.
    /// </summary>
    public static FlowValidator? Compile(ValidationOptions options, string keyPrefix, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.MaxFutureSkew < TimeSpan.Zero)
        {
            problems.Add($"{keyPrefix}:MaxFutureSkew must not be negative");
        }

        var root = RuleNode.CreateRoot();
        var types = new Dictionary<string, FieldType>(StringComparer.Ordinal);
        foreach (var (key, field) in options.Fields.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var fieldKey = $"{keyPrefix}:Fields:{key}";
            var path = FieldPath.TryParse(key, out var pathError);
            if (path is null)
            {
                problems.Add($"{fieldKey} {pathError}");
                continue;
            }

            if (path.Segments.Count(segment => segment is null) > ElementIndices.MaxNesting)
            {
                problems.Add($"{fieldKey} nests more than {ElementIndices.MaxNesting} arrays");
                continue;
            }

            if (field is null)
            {
                problems.Add($"{fieldKey} must be an object of rules (e.g. {{ \"Type\": \"string\" }})");
                continue;
            }

            var rule = CompileRule(field, fieldKey, options.MaxFutureSkew, problems);
            var node = root;
            foreach (var segment in path.Segments)
            {
                node = node.GetOrAddChild(segment);
            }

            node.Rule = rule;
            types[key] = rule.Type;
        }

        var crossField = CompileCrossField(options.CrossField, keyPrefix, types, problems);
        foreach (var problem in problems)
        {
            errors.Add(problem);
        }

        return problems.Count == 0 ? new FlowValidator(root, crossField) : null;
    }

    private static FieldRule CompileRule(FieldRuleOptions field, string key, TimeSpan flowSkew, List<string> problems)
    {
        // An empty value switches a rule off: configuration layers (environment variables) can override but not delete a key.
        var typeName = string.IsNullOrWhiteSpace(field.Type) ? null : field.Type;
        var pattern = string.IsNullOrEmpty(field.Pattern) ? null : field.Pattern;
        var type = FieldType.None;
        if (typeName is not null && !FieldTypes.TryParse(typeName, out type))
        {
            problems.Add($"{key}:Type '{typeName}' is not a known type ({string.Join(", ", FieldTypes.Names)})");
        }

        // With an unknown type there is nothing to check the other rules against; that type is the one problem to report.
        if (typeName is null || type != FieldType.None)
        {
            CheckApplicability(field, type, typeName, pattern is not null, key, problems);
        }

        CheckRange(key, nameof(field.MinLength), field.MinLength, nameof(field.MaxLength), field.MaxLength, problems);
        CheckRange(key, nameof(field.MinItems), field.MinItems, nameof(field.MaxItems), field.MaxItems, problems);
        if (field.Minimum is double minimum && field.Maximum is double maximum && minimum > maximum)
        {
            problems.Add($"{key}:Minimum ({Format(minimum)}) must not be greater than {key}:Maximum ({Format(maximum)})");
        }

        foreach (var (name, number) in new[] { (nameof(field.Minimum), field.Minimum), (nameof(field.Maximum), field.Maximum) })
        {
            if (number is double value && double.IsNaN(value))
            {
                problems.Add($"{key}:{name} must be a number");
            }
        }

        if (field.MaxFutureSkew < TimeSpan.Zero)
        {
            problems.Add($"{key}:MaxFutureSkew must not be negative");
        }

        return new FieldRule
        {
            Required = field.Required,
            Type = type,
            Enum = CompileEnum(field.Enum, key, problems),
            EnumText = field.Enum is null ? null : string.Join(", ", field.Enum),
            Pattern = CompilePattern(pattern, key, problems),
            MinLength = field.MinLength,
            MaxLength = field.MaxLength,
            Minimum = field.Minimum,
            Maximum = field.Maximum,
            MinItems = field.MinItems,
            MaxItems = field.MaxItems,
            MaxFutureSkew = field.MaxFutureSkew ?? flowSkew,
            Schemes = CompileSchemes(field.Schemes, key, problems),
        };
    }

    private static void CheckApplicability(FieldRuleOptions field, FieldType type, string? typeName, bool hasPattern, string key, List<string> problems)
    {
        var textual = type == FieldType.None || FieldTypes.IsTextual(type);
        RequireType(textual, hasPattern || field.MinLength is not null || field.MaxLength is not null, key, "Pattern, MinLength and MaxLength apply", "string, timestamp or url", typeName, problems);
        RequireType(type is FieldType.None or FieldType.String, field.Enum is not null, key, "Enum applies", "string", typeName, problems);
        RequireType(type is FieldType.None or FieldType.Integer or FieldType.Number, field.Minimum is not null || field.Maximum is not null, key, "Minimum and Maximum apply", "integer or number", typeName, problems);
        RequireType(type is FieldType.None or FieldType.Array, field.MinItems is not null || field.MaxItems is not null, key, "MinItems and MaxItems apply", "array", typeName, problems);
        RequireType(type == FieldType.Timestamp, field.MaxFutureSkew is not null, key, "MaxFutureSkew applies", "timestamp", typeName, problems);
        RequireType(type == FieldType.Url, field.Schemes is not null, key, "Schemes applies", "url", typeName, problems);
    }

    private static void RequireType(bool applies, bool isSet, string key, string what, string types, string? actual, List<string> problems)
    {
        if (isSet && !applies)
        {
            problems.Add($"{key}: {what} only to fields of Type {types}, not '{actual}'");
        }
    }

    private static void CheckRange(string key, string minName, int? min, string maxName, int? max, List<string> problems)
    {
        if (min < 0)
        {
            problems.Add($"{key}:{minName} must not be negative");
        }

        if (max < 0)
        {
            problems.Add($"{key}:{maxName} must not be negative");
        }

        if (min > max)
        {
            problems.Add($"{key}:{minName} ({min}) must not be greater than {key}:{maxName} ({max})");
        }
    }

    private static byte[][]? CompileEnum(List<string>? values, string key, List<string> problems)
    {
        if (values is null)
        {
            return null;
        }

        if (values.Count == 0)
        {
            problems.Add($"{key}:Enum must list at least one value");
        }

        return [.. values.Select(value => Encoding.UTF8.GetBytes(value ?? string.Empty))];
    }

    private static Regex? CompilePattern(string? pattern, string key, List<string> problems)
    {
        if (pattern is null)
        {
            return null;
        }

        try
        {
            // Culture-invariant so that the same message validates the same everywhere.
            return CompiledPatterns.GetOrAdd(pattern, text => new Regex(text, RegexOptions.CultureInvariant | RegexOptions.Compiled, PatternMatchTimeout));
        }
        catch (ArgumentException exception)
        {
            problems.Add($"{key}:Pattern: '{pattern}' is not a valid regular expression ({exception.Message})");
            return null;
        }
    }

    private static string[] CompileSchemes(List<string>? schemes, string key, List<string> problems)
    {
        if (schemes is null)
        {
            return DefaultSchemes;
        }

        if (schemes.Count == 0)
        {
            problems.Add($"{key}:Schemes must list at least one scheme");
        }

        foreach (var scheme in schemes)
        {
            if (!Uri.CheckSchemeName(scheme))
            {
                problems.Add($"{key}:Schemes: '{scheme}' is not a valid URI scheme");
            }
        }

        return [.. schemes];
    }

    private static CrossFieldRule[] CompileCrossField(
        List<CrossFieldRuleOptions> rules, string keyPrefix, Dictionary<string, FieldType> types, List<string> problems)
    {
        var compiled = new List<CrossFieldRule>();
        for (var index = 0; index < rules.Count; index++)
        {
            var key = $"{keyPrefix}:CrossField:{index}";
            var rule = rules[index];
            if (rule is null)
            {
                problems.Add($"{key} must be an object with Rule and Path");
                continue;
            }

            var name = CrossFieldRuleNames.FirstOrDefault(known => string.Equals(known, rule.Rule, StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                problems.Add(rule.Rule is null
                    ? $"{key}:Rule is required ({string.Join(" or ", CrossFieldRuleNames)})"
                    : $"{key}:Rule '{rule.Rule}' is not a known cross-field rule ({string.Join(", ", CrossFieldRuleNames)})");
                continue;
            }

            var path = ParsePlainPath(rule.Path, $"{key}:Path", problems);
            if (name == RuleNames.MatchesKey)
            {
                if (rule.Other is not null)
                {
                    problems.Add($"{key}:Other does not apply to rule {RuleNames.MatchesKey}");
                }

                if (path is not null)
                {
                    compiled.Add(new MatchesKeyRule(path));
                }

                continue;
            }

            var other = ParsePlainPath(rule.Other, $"{key}:Other", problems);
            RequireTimestampField(path, $"{key}:Path", keyPrefix, types, problems);
            RequireTimestampField(other, $"{key}:Other", keyPrefix, types, problems);
            if (path is not null && other is not null)
            {
                compiled.Add(new AfterRule(path, other));
            }
        }

        return [.. compiled];
    }

    private static FieldPath? ParsePlainPath(string? text, string key, List<string> problems)
    {
        if (text is null)
        {
            problems.Add($"{key} is required");
            return null;
        }

        var path = FieldPath.TryParse(text, out var error);
        if (path is null)
        {
            problems.Add($"{key} '{text}' {error}");
            return null;
        }

        if (path.HasElements)
        {
            problems.Add($"{key} '{text}' must name a single field, without []");
            return null;
        }

        return path;
    }

    private static void RequireTimestampField(FieldPath? path, string key, string keyPrefix, Dictionary<string, FieldType> types, List<string> problems)
    {
        if (path is not null && (!types.TryGetValue(path.Text, out var type) || type != FieldType.Timestamp))
        {
            problems.Add($"{key} '{path.Text}' must name a field configured with Type timestamp under {keyPrefix}:Fields");
        }
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
