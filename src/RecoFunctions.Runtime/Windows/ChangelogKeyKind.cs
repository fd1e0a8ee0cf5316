namespace RecoFunctions.Runtime.Windows;

internal enum ChangelogKeyKind
{
    Unknown,
    User,
    Checkpoint,
    Snapshot,
}
