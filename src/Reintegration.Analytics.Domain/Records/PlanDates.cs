using Orleans;
using Reintegration.Analytics.Domain.Vocabulary;

namespace Reintegration.Analytics.Domain.Records;

/// <summary>
/// The reintegration plan funnel (SPEC §2.3). A status, once set, stays set: an update that omits
/// it keeps the earlier date, and an update that names it with another date corrects the date.
/// </summary>
[GenerateSerializer, Immutable, Alias("PlanDates")]
public sealed record PlanDates(
    [property: Id(0)] DateOnly? Eligible,
    [property: Id(1)] DateOnly? PlanDeveloped,
    [property: Id(2)] DateOnly? AssistanceStarted,
    [property: Id(3)] DateOnly? AssistanceCompleted,
    [property: Id(4)] DateOnly? DroppedOut)
{
    public static PlanDates Empty { get; } = new(null, null, null, null, null);

    public PlanDates MergedWith(PlanDates update) => new(
        update.Eligible ?? Eligible,
        update.PlanDeveloped ?? PlanDeveloped,
        update.AssistanceStarted ?? AssistanceStarted,
        update.AssistanceCompleted ?? AssistanceCompleted,
        update.DroppedOut ?? DroppedOut);

    /// <summary>The statuses that are set, as <see cref="PlanStatus"/> values.</summary>
    public IEnumerable<string> SetStatuses()
    {
        if (Eligible is not null) yield return PlanStatus.Eligible;
        if (PlanDeveloped is not null) yield return PlanStatus.PlanDeveloped;
        if (AssistanceStarted is not null) yield return PlanStatus.AssistanceStarted;
        if (AssistanceCompleted is not null) yield return PlanStatus.AssistanceCompleted;
        if (DroppedOut is not null) yield return PlanStatus.DroppedOut;
    }
}
