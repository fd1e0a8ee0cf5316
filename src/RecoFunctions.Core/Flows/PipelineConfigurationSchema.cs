namespace RecoFunctions.Core.Flows;

/// <summary>Every key the <c>Pipeline</c> section may contain; keep in step with the options classes (hence <c>nameof</c>).</summary>
internal static class PipelineConfigurationSchema
{
    private static readonly ConfigurationSchema Value = ConfigurationSchema.Value;

    private static readonly ConfigurationSchema FieldRule = ConfigurationSchema.Object(
        (nameof(FieldRuleOptions.Required), Value),
        (nameof(FieldRuleOptions.Type), Value),
        (nameof(FieldRuleOptions.Enum), ConfigurationSchema.ListOf(Value)),
        (nameof(FieldRuleOptions.Pattern), Value),
        (nameof(FieldRuleOptions.MinLength), Value),
        (nameof(FieldRuleOptions.MaxLength), Value),
        (nameof(FieldRuleOptions.Minimum), Value),
        (nameof(FieldRuleOptions.Maximum), Value),
        (nameof(FieldRuleOptions.MinItems), Value),
        (nameof(FieldRuleOptions.MaxItems), Value),
        (nameof(FieldRuleOptions.MaxFutureSkew), Value),
        (nameof(FieldRuleOptions.Schemes), ConfigurationSchema.ListOf(Value)));

    private static readonly ConfigurationSchema CrossFieldRule = ConfigurationSchema.Object(
        (nameof(CrossFieldRuleOptions.Rule), Value),
        (nameof(CrossFieldRuleOptions.Path), Value),
        (nameof(CrossFieldRuleOptions.Other), Value));

    private static readonly ConfigurationSchema Validation = ConfigurationSchema.Object(
        (nameof(ValidationOptions.MaxFutureSkew), Value),
        (nameof(ValidationOptions.Fields), ConfigurationSchema.MapOf(FieldRule)),
        (nameof(ValidationOptions.CrossField), ConfigurationSchema.ListOf(CrossFieldRule)));

    private static readonly ConfigurationSchema Flow = ConfigurationSchema.Object(
        (nameof(FlowOptions.Enabled), Value),
        (nameof(FlowOptions.Contract), Value),
        (nameof(FlowOptions.Topic), Value),
        (nameof(FlowOptions.DeadLetterTopic), Value),
        (nameof(FlowOptions.Steps), ConfigurationSchema.ListOf(Value)),
        (nameof(FlowOptions.Validation), Validation));

    public static ConfigurationSchema Pipeline { get; } = ConfigurationSchema.Object(
        (nameof(PipelineOptions.MaxPayloadBytes), Value),
        (nameof(PipelineOptions.MaxJsonDepth), Value),
        (nameof(PipelineOptions.Flows), ConfigurationSchema.MapOf(Flow)));
}
