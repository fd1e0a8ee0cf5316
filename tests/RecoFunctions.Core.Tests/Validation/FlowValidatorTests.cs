using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Validation;
using RecoFunctions.Testing;

namespace RecoFunctions.Core.Tests.Validation;

/// <summary>The rule semantics, each on the smallest configuration that shows it.</summary>
public sealed class FlowValidatorTests
{
    private readonly FakeTimeProvider _clock = TestClock.Create();

    [Theory]
    [InlineData("url", true)]
    [InlineData("string", false)]
    [InlineData(null, false)]
    public void ChecksUrlAt_RuleAtThePath_TrueOnlyForTypeUrl(string? type, bool expected)
    {
        var validator = Compile(Rules(("content.sourceUrl", new FieldRuleOptions { Type = type })));

        Assert.Equal(expected, validator.ChecksUrlAt("content", "sourceUrl"));
        Assert.False(validator.ChecksUrlAt("content", "imageUrl"));
        Assert.False(validator.ChecksUrlAt("sourceUrl"));
    }

    [Fact]
    public void Validate_NullProperty_CountsAsMissingForRequired()
    {
        var options = Rules(("a", new FieldRuleOptions { Required = true, Type = "string" }));

        Assert.Equal(["$.a required"], Validate(options, """{"a":null}"""));
    }

    [Fact]
    public void Validate_NullOptionalProperty_IsNotChecked()
    {
        var options = Rules(("a", new FieldRuleOptions { Type = "string", MinLength = 3 }));

        Assert.Empty(Validate(options, """{"a":null}"""));
    }

    [Fact]
    public void Validate_RequiredChildOfMissingOptionalParent_IsNotReported()
    {
        var options = Rules(("a.b", new FieldRuleOptions { Required = true }));

        Assert.Empty(Validate(options, """{"x":1}"""));
        Assert.Equal(["$.a.b required"], Validate(options, """{"a":{}}"""));
    }

    [Fact]
    public void Validate_ParentOfWrongType_SkipsItsChildren()
    {
        var options = Rules(
            ("a", new FieldRuleOptions { Type = "object" }),
            ("a.b", new FieldRuleOptions { Required = true }));

        Assert.Equal(["$.a type"], Validate(options, """{"a":[{"b":1}]}"""));
    }

    [Fact]
    public void Validate_NestedArrays_ReportIndexedPaths()
    {
        var options = Rules(
            ("groups[].items[]", new FieldRuleOptions { Type = "integer", Maximum = 9 }),
            ("groups[].name", new FieldRuleOptions { Required = true }));

        var violations = Validate(options, """{"groups":[{"name":"a","items":[1,2]},{"items":[3,10,"x"]}]}""");

        Assert.Equal(["$.groups[1].items[1] maximum", "$.groups[1].items[2] type", "$.groups[1].name required"], violations);
    }

    [Fact]
    public void Validate_ArrayOfArrays_ReportsBothIndices()
    {
        var options = Rules(("m[][]", new FieldRuleOptions { Type = "number" }));

        Assert.Equal(["$.m[1][0] type"], Validate(options, """{"m":[[1],[true,2]]}"""));
    }

    [Fact]
    public void Validate_RequiredElement_RejectsNullElements()
    {
        var options = Rules(("tags[]", new FieldRuleOptions { Required = true }));

        Assert.Equal(["$.tags[1] required"], Validate(options, """{"tags":["a",null]}"""));
    }

    [Fact]
    public void Validate_PropertyOrder_DoesNotChangeViolationOrder()
    {
        var options = Rules(
            ("z", new FieldRuleOptions { Required = true }),
            ("a", new FieldRuleOptions { Type = "string" }),
            ("m.x", new FieldRuleOptions { Type = "integer" }),
            ("m.b", new FieldRuleOptions { Type = "integer" }));

        var first = Validate(options, """{"m":{"x":"1","b":"2"},"a":1}""");
        var second = Validate(options, """{"a":1,"m":{"b":"2","x":"1"}}""");

        Assert.Equal(["$.a type", "$.m.b type", "$.m.x type", "$.z required"], first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Validate_SeveralRulesOnOneField_ReportedInRuleOrder()
    {
        var options = Rules(
            ("a", new FieldRuleOptions { Enum = ["abcdef"], Pattern = "^[a-z]+\\z", MaxLength = 5 }),
            ("b", new FieldRuleOptions { Type = "timestamp", Pattern = "^1", MinLength = 30 }));

        var violations = Validate(options, """{"a":"A1cdefgh","b":"2099-11-21"}""");

        Assert.Equal(["$.a enum", "$.a pattern", "$.a maxLength", "$.b pattern", "$.b minLength", "$.b timestamp"], violations);
    }

    [Theory]
    [InlineData("string", "1", true)]
    [InlineData("string", "\"1\"", false)]
    [InlineData("integer", "1", false)]
    [InlineData("integer", "-9223372036854775808", false)]
    [InlineData("integer", "9223372036854775808", true)]
    [InlineData("integer", "1.0", true)]
    [InlineData("integer", "1e2", true)]
    [InlineData("number", "1.5e-3", false)]
    [InlineData("number", "\"1\"", true)]
    [InlineData("boolean", "false", false)]
    [InlineData("boolean", "0", true)]
    [InlineData("object", "{}", false)]
    [InlineData("object", "[]", true)]
    [InlineData("array", "[]", false)]
    [InlineData("array", "{}", true)]
    [InlineData("timestamp", "1700000000", true)]
    [InlineData("url", "{\"href\":\"https://x.example\"}", true)]
    public void Validate_Type_AcceptsOnlyItsKind(string type, string value, bool violates)
    {
        var options = Rules(("a", new FieldRuleOptions { Type = type }));

        Assert.Equal(violates ? ["$.a type"] : [], Validate(options, $$"""{"a":{{value}}}"""));
    }

    [Fact]
    public void Validate_EnumOnNonString_IsAnEnumViolation()
    {
        var options = Rules(("a", new FieldRuleOptions { Enum = ["1"] }));

        Assert.Equal(["$.a enum"], Validate(options, """{"a":1}"""));
    }

    [Fact]
    public void Validate_EnumWithEscapedValue_ComparesUnescapedText()
    {
        var options = Rules(("a", new FieldRuleOptions { Enum = ["a.b", "é"] }));

        Assert.Empty(Validate(options, """{"a":"a\u002eb"}"""));
        Assert.Empty(Validate(options, """{"a":"\u00e9"}"""));
        Assert.Equal(["$.a enum"], Validate(options, """{"a":"A.B"}"""));
    }

    [Theory]
    [InlineData("\"abc\"", 3, false)]
    [InlineData("\"abcd\"", 3, true)]
    [InlineData("\"ééé\"", 3, false)]
    [InlineData("\"🏆🏆🏆\"", 3, false)]
    [InlineData("\"\\u00e9\\u00e9\\u00e9\"", 3, false)]
    [InlineData("\"\\ud83c\\udfc6\\ud83c\\udfc6\\ud83c\\udfc6a\"", 3, true)]
    public void Validate_MaxLength_CountsCharactersNotBytes(string value, int maxLength, bool violates)
    {
        var options = Rules(("a", new FieldRuleOptions { MaxLength = maxLength }));

        Assert.Equal(violates ? ["$.a maxLength"] : [], Validate(options, $$"""{"a":{{value}}}"""));
    }

    [Fact]
    public void Validate_LongStringForPattern_UsesPooledBufferAndStillMatches()
    {
        var options = Rules(("a", new FieldRuleOptions { Pattern = "^x+\\z" }));

        Assert.Empty(Validate(options, $$"""{"a":"{{new string('x', 5000)}}"}"""));
        Assert.Equal(["$.a pattern"], Validate(options, $$"""{"a":"{{new string('x', 5000)}}y"}"""));
    }

    [Fact]
    public void Validate_CatastrophicPattern_TimesOutAsPatternViolation()
    {
        var options = Rules(("a", new FieldRuleOptions { Pattern = "^(a+)+$" }));

        var violations = ValidateFull(options, $$"""{"a":"{{new string('a', 40)}}!"}""");

        var violation = Assert.Single(violations);
        Assert.Equal(("$.a", "pattern"), (violation.Path, violation.Rule));
        Assert.Contains("within 100 ms", violation.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e400", "$.a maximum")]
    [InlineData("-1e400", "$.a minimum")]
    [InlineData("-0.5", "$.a minimum")]
    [InlineData("10.5", "$.a maximum")]
    [InlineData("0", null)]
    [InlineData("10", null)]
    public void Validate_MinimumMaximum_CompareNumbersIncludingOutOfRange(string value, string? expected)
    {
        var options = Rules(("a", new FieldRuleOptions { Minimum = 0, Maximum = 10 }));

        Assert.Equal(expected is null ? [] : [expected], Validate(options, $$"""{"a":{{value}}}"""));
    }

    [Theory]
    [InlineData("[]", "$.a minItems")]
    [InlineData("[1]", null)]
    [InlineData("[1,2]", null)]
    [InlineData("[1,2,3]", "$.a maxItems")]
    public void Validate_MinItemsMaxItems_CountElements(string value, string? expected)
    {
        var options = Rules(("a", new FieldRuleOptions { Type = "array", MinItems = 1, MaxItems = 2 }));

        Assert.Equal(expected is null ? [] : [expected], Validate(options, $$"""{"a":{{value}}}"""));
    }

    [Theory]
    [InlineData("2026-11-21T10:00:00Z", true)]
    [InlineData("2026-11-21T10:00:00.5+01:00", true)]
    [InlineData("2026-11-21T04:00:00-05:30", true)]
    [InlineData("2026-11-21T10:00:00", false)]
    [InlineData("2026-11-21T10:00:00+0100", false)]
    [InlineData("2026-11-21T10:00:00+01", false)]
    [InlineData("2026-11-21Z", false)]
    [InlineData("2026-11-31T10:00:00Z", false)]
    [InlineData("21/11/2026 10:00:00 +00:00", false)]
    [InlineData("", false)]
    public void Validate_Timestamp_RequiresIso8601WithOffset(string value, bool valid)
    {
        var options = Rules(("at", new FieldRuleOptions { Type = "timestamp" }));

        Assert.Equal(valid ? [] : ["$.at timestamp"], Validate(options, $$"""{"at":"{{value}}"}"""));
    }

    [Fact]
    public void Validate_Future_UsesTheInjectedClockAndSkew()
    {
        var options = Rules(("at", new FieldRuleOptions { Type = "timestamp" }));
        options.MaxFutureSkew = TimeSpan.FromMinutes(5);
        const string json = """{"at":"2026-11-21T10:05:01Z"}""";

        Assert.Equal(["$.at future"], Validate(options, json));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(Validate(options, json));
    }

    [Fact]
    public void Validate_FieldMaxFutureSkew_OverridesTheFlowSkew()
    {
        var options = Rules(
            ("start", new FieldRuleOptions { Type = "timestamp", MaxFutureSkew = TimeSpan.FromDays(30) }),
            ("seen", new FieldRuleOptions { Type = "timestamp" }));

        var violations = Validate(options, """{"start":"2026-12-01T00:00:00Z","seen":"2026-12-01T00:00:00Z"}""");

        Assert.Equal(["$.seen future"], violations);
    }

    [Theory]
    [InlineData("https://cms.example/a", false)]
    [InlineData("HTTPS://cms.example/a", false)]
    [InlineData("http://cms.example/a", true)]
    [InlineData("/a/b", true)]
    [InlineData("cms.example/a", true)]
    [InlineData("mailto:a@example.com", true)]
    [InlineData("https://", true)]
    public void Validate_Url_RequiresAbsoluteUriWithAllowedScheme(string value, bool violates)
    {
        var options = Rules(("u", new FieldRuleOptions { Type = "url", Schemes = ["https"] }));

        Assert.Equal(violates ? ["$.u url"] : [], Validate(options, $$"""{"u":"{{value}}"}"""));
    }

    [Fact]
    public void Validate_InvalidEscapedSurrogate_IsAnEncodingViolationOfTheField()
    {
        var options = Rules(("a", new FieldRuleOptions { MaxLength = 10 }));

        Assert.Equal(["$.a encoding"], Validate(options, """{"a":"\udc00"}"""));
    }

    [Theory]
    [InlineData("2026-11-20T10:00:00Z", "2026-11-20T09:00:00Z", false)]
    [InlineData("2026-11-20T10:00:00Z", "2026-11-20T10:00:00Z", true)]
    [InlineData("2026-11-20T10:00:00+02:00", "2026-11-20T09:00:00Z", true)]
    [InlineData("not a time", "2026-11-20T09:00:00Z", false)]
    public void Validate_After_ComparesInstantsWhenBothAreValid(string end, string start, bool violates)
    {
        var options = Rules(
            ("end", new FieldRuleOptions { Type = "timestamp" }),
            ("start", new FieldRuleOptions { Type = "timestamp" }));
        options.CrossField.Add(new CrossFieldRuleOptions { Rule = "after", Path = "end", Other = "start" });

        var violations = Validate(options, $$"""{"start":"{{start}}","end":"{{end}}"}""");

        Assert.Equal(violates ? ["$.end after"] : [], violations.Where(v => v.EndsWith("after", StringComparison.Ordinal)));
    }

    [Fact]
    public void Validate_AfterWithOneSideMissing_IsSkipped()
    {
        var options = Rules(
            ("end", new FieldRuleOptions { Type = "timestamp" }),
            ("start", new FieldRuleOptions { Type = "timestamp" }));
        options.CrossField.Add(new CrossFieldRuleOptions { Rule = "after", Path = "end", Other = "start" });

        Assert.Empty(Validate(options, """{"end":"2020-01-01T00:00:00Z"}"""));
        Assert.Empty(Validate(options, """{"end":"2020-01-01T00:00:00Z","start":null}"""));
    }

    [Fact]
    public void Validate_MatchesKey_ComparesTheKeyOnlyWhenKeysExist()
    {
        var options = Rules(("id", new FieldRuleOptions { Type = "string" }));
        options.CrossField.Add(new CrossFieldRuleOptions { Rule = "matchesKey", Path = "id" });
        options.CrossField.Add(new CrossFieldRuleOptions { Rule = "matchesKey", Path = "other" });
        const string json = """{"id":"ключ-1","other":"ключ-1"}""";

        Assert.Empty(Validate(options, json, key: "ключ-1", keyKnown: true));
        Assert.Equal(["$.id matchesKey", "$.other matchesKey"], Validate(options, json, key: "ключ-2", keyKnown: true));
        Assert.Equal(["$ key"], Validate(options, json, key: null, keyKnown: true));
        Assert.Empty(Validate(options, json, key: null, keyKnown: false));
    }

    [Fact]
    public void Validate_ValidMessage_AllocatesNothing()
    {
        var options = Rules(
            ("id", new FieldRuleOptions { Required = true, Type = "string", Pattern = "^[a-z0-9-]+\\z", MaxLength = 64 }),
            ("kind", new FieldRuleOptions { Type = "string", Enum = ["article", "video"] }),
            ("at", new FieldRuleOptions { Type = "timestamp" }),
            ("n", new FieldRuleOptions { Type = "integer", Minimum = 1 }),
            ("tags", new FieldRuleOptions { Type = "array", MaxItems = 5 }),
            ("tags[]", new FieldRuleOptions { Type = "string", MinLength = 1 }));
        options.CrossField.Add(new CrossFieldRuleOptions { Rule = "matchesKey", Path = "id" });
        var validator = Compile(options);
        using var document = JsonDocument.Parse("""{"id":"art-1","kind":"video","at":"2026-11-21T09:00:00Z","n":3,"tags":["a","b"]}""");
        RunOnce(validator, document);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            RunOnce(validator, document);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private void RunOnce(FlowValidator validator, JsonDocument document)
    {
        var run = new ValidationRun("art-1", keyKnown: true, _clock);
        validator.Validate(document.RootElement, ref run);
        Assert.Null(run.Violations);
    }

    private static ValidationOptions Rules(params (string Path, FieldRuleOptions Rule)[] fields)
    {
        var options = new ValidationOptions();
        foreach (var (path, rule) in fields)
        {
            options.Fields[path] = rule;
        }

        return options;
    }

    private static FlowValidator Compile(ValidationOptions options)
    {
        var errors = new List<string>();
        return ValidatorCompiler.Compile(options, "Test", errors) ?? throw new InvalidOperationException(string.Join("; ", errors));
    }

    private List<string> Validate(ValidationOptions options, string json, string? key = null, bool keyKnown = false) =>
        [.. ValidateFull(options, json, key, keyKnown).Select(v => $"{v.Path} {v.Rule}")];

    private List<Core.Parsing.Violation> ValidateFull(ValidationOptions options, string json, string? key = null, bool keyKnown = false)
    {
        var validator = Compile(options);
        using var document = JsonDocument.Parse(json);
        var run = new ValidationRun(key, keyKnown, _clock);
        validator.Validate(document.RootElement, ref run);
        return run.Violations ?? [];
    }
}
