using Microsoft.Extensions.Options;

namespace RecoFunctions.Core.Workflow;

/// <summary>The DataAnnotations of <see cref="WorkflowOptions"/>, checked by generated code (trim-safe); keys named by KeyedOptionsValidator.</summary>
[OptionsValidator]
internal sealed partial class WorkflowOptionsValidator : IValidateOptions<WorkflowOptions>;
