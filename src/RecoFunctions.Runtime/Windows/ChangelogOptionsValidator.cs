using Microsoft.Extensions.Options;

namespace RecoFunctions.Runtime.Windows;

/// <summary>The DataAnnotations of <see cref="ChangelogOptions"/>, checked by generated code; keys named by KeyedOptionsValidator.</summary>
[OptionsValidator]
internal sealed partial class ChangelogOptionsValidator : IValidateOptions<ChangelogOptions>;
