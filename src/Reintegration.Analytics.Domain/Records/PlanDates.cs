using Orleans;
using Reintegration.Analytics.Domain.Validation;
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

    /// <summary>
    /// The funnel rule (SPEC §2.3) for this plan as merged with <paramref name="update"/>: each status needs
    /// every earlier status, dated on or before it (<c>droppedOut</c> needs only <c>eligible</c>). Only the steps
    /// the update touches are checked, so a plan stored before the rule does not block unrelated updates. The
    /// error names the field the update sent: the later status, or the earlier one when the update moved it.
    /// </summary>
    public FieldError? FunnelErrorAfter(PlanDates update)
    {
        var merged = MergedWith(update);
        (string Field, DateOnly? Date, bool Sent)[] funnel =
        [
            ("eligible", merged.Eligible, update.Eligible is not null),
            ("planDeveloped", merged.PlanDeveloped, update.PlanDeveloped is not null),
            ("assistanceStarted", merged.AssistanceStarted, update.AssistanceStarted is not null),
            ("assistanceCompleted", merged.AssistanceCompleted, update.AssistanceCompleted is not null),
        ];
        var dropped = ("droppedOut", merged.DroppedOut, update.DroppedOut is not null);
        for (var i = 1; i < funnel.Length; i++)
            if (StepError(funnel[i - 1], funnel[i]) is { } error) return error;
        return StepError(funnel[0], dropped);
    }

    private static FieldError? StepError((string Field, DateOnly? Date, bool Sent) earlier, (string Field, DateOnly? Date, bool Sent) later)
    {
        if (later.Date is not { } laterDate || !(earlier.Sent || later.Sent)) return null;
        if (earlier.Date is not { } earlierDate)
            return new FieldError(later.Field, $"{later.Field} needs {earlier.Field} to be set first (the funnel is "
                + "eligible → planDeveloped → assistanceStarted → assistanceCompleted; droppedOut needs eligible)");
        if (earlierDate <= laterDate) return null;
        var field = later.Sent ? later.Field : earlier.Field;
        return new FieldError(field, $"{later.Field} ({laterDate:yyyy-MM-dd}) is dated before {earlier.Field} ({earlierDate:yyyy-MM-dd}); "
            + "each status must be dated on or after the one before it");
    }

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
