using Orleans;
using Reintegration.Analytics.Domain.Returnees;

namespace Reintegration.Analytics.Grains.Returnees;

/// <summary>
/// A returnee's state as last checkpointed through Orleans grain storage. It may lag the journal:
/// on activation the journaled changes after <c>Case.Version</c> are replayed on top of it.
/// </summary>
[GenerateSerializer, Alias("ReturneeCheckpoint")]
public sealed class ReturneeCheckpoint
{
    [Id(0)] public ReturneeState Case { get; set; } = new();
}
