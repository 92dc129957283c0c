using Reintegration.Analytics.Domain.Disclosure;
using Reintegration.Analytics.Domain.Snapshots;
using Reintegration.Analytics.Domain.Vocabulary;
using G = Reintegration.Analytics.Domain.Snapshots.SnapshotGroups;

namespace Reintegration.Analytics.Domain.Aggregation;

/// <summary>
/// Renders the figures of a level document (SPEC §2.4) from a unit's protected cells: the same cells, protected by the same
/// routine, that a snapshot's rows come from. A figure is shown when its cell is; a share when both its terms are.
/// </summary>
internal sealed class CellFigures(HiddenCells hidden, AggregateSummary summary, DateOnly today)
{
    /// <summary>True once a rendered figure was suppressed.</summary>
    public bool AnySuppressed { get; private set; }

    private bool Shown(string figure, string group = G.Total)
    {
        // A cell that no summary holds (a vulnerability flag nobody has) is zero, and zero is shown.
        if (!hidden.Contains(figure, group)) return true;
        AnySuppressed = true;
        return false;
    }

    private long? Count(long value, string figure, string group = G.Total) => Shown(figure, group) ? value : null;

    private MeanCell Mean(MeanAccumulator accumulator, string figure, string group = G.Total) =>
        Shown(figure, group)
            ? new MeanCell(accumulator.Count == 0 ? null : accumulator.Mean, accumulator.Count)
            : new MeanCell(null, null, Suppressed: true);

    private double? Share(long numerator, long denominator, params (string Figure, string Group)[] terms)
    {
        var shown = terms.Aggregate(true, (all, term) => Shown(term.Figure, term.Group) && all);
        return shown && denominator > 0 ? (double)numerator / denominator : null;
    }

    public AggregateDocument Figures(DateTimeOffset asOf)
    {
        var all = summary.All;
        var followUp = all.FollowUpOn(today);
        long Plan(string status) => summary.PlanStatuses.GetValueOrDefault(status);
        return new AggregateDocument
        {
            Returnees = Count(all.Returnees, "returnees"),
            Surveyed = Count(all.Surveyed, "surveyed"),
            Scores = Scores(all, G.Total),
            SustainableShare = Share(all.Sustainable, all.Composite.Count, (UnitCells.ScoreFigure(Dimension.Composite), G.Total)),
            Improvement = Mean(all.Improvement, "improvement"),
            FollowUpCoverage = Share(followUp.Covered, followUp.Due, ("followup_covered", G.Total), ("followup_due", G.Total)),
            FollowUp = new FollowUpCounts(
                Count(followUp.Due, "followup_due"), Count(followUp.Covered, "followup_covered"), Count(followUp.Open, "followup_open"),
                Count(followUp.Overdue, "followup_overdue"), Count(followUp.Missed, "followup_missed")),
            RemigrationNecessityShare = Share(all.RemigrationNecessity, all.RemigrationAnswered, ("remigration", G.Total)),
            Plan = new PlanFunnel(
                Count(Plan(PlanStatus.Eligible), "plan_eligible"), Count(Plan(PlanStatus.PlanDeveloped), "plan_developed"),
                Count(Plan(PlanStatus.AssistanceStarted), "plan_assistance_started"),
                Count(Plan(PlanStatus.AssistanceCompleted), "plan_assistance_completed"),
                Count(Plan(PlanStatus.DroppedOut), "plan_dropped_out"),
                Share(Plan(PlanStatus.AssistanceCompleted), Plan(PlanStatus.Eligible),
                    ("plan_assistance_completed", G.Total), ("plan_eligible", G.Total))),
            Assistance = Assistance(),
            Breakdown = new Breakdown(
                Breakdown(G.Sex, Sex.All, summary.BySex), Breakdown(G.AgeBand, AgeBand.All, summary.ByAgeBand),
                Breakdown(G.ReturnType, ReturnType.All, summary.ByReturnType),
                Vulnerability.All.ToDictionary(v => v, v => Count(summary.ByVulnerability.GetValueOrDefault(v), "vulnerable",
                    G.Of(G.Vulnerability, v)))),
            WhatWorks = WhatWorks(),
            AsOf = asOf,
        };
    }

    /// <summary>Score means, sustainable share and returnees per group (country level and above).</summary>
    public Disaggregations Disaggregations() => new(
        Groups(G.Sex, Sex.All, summary.BySex), Groups(G.AgeBand, AgeBand.All, summary.ByAgeBand),
        Groups(G.ReturnType, ReturnType.All, summary.ByReturnType));

    /// <summary>A <c>/compare</c> row: the headline figures of a country (group null) or of one of its groups.</summary>
    public ComparisonRow ComparisonRow(
        string country, string region, string? group, GroupStats stats, double? structuralIndex, string key)
    {
        var followUp = stats.FollowUpOn(today);
        var scores = Scores(stats, key);
        return new ComparisonRow(
            country, region, group,
            Count(stats.Returnees, "returnees", key),
            Count(stats.Surveyed, "surveyed", key),
            scores,
            Share(stats.Sustainable, stats.Composite.Count, (UnitCells.ScoreFigure(Dimension.Composite), key)),
            Mean(stats.Improvement, "improvement", key),
            Share(followUp.Covered, followUp.Due, ("followup_covered", key), ("followup_due", key)),
            Share(stats.RemigrationNecessity, stats.RemigrationAnswered, ("remigration", key)),
            structuralIndex,
            AnySuppressed);
    }

    private IReadOnlyDictionary<string, MeanCell> Scores(GroupStats stats, string group) =>
        Dimension.WithComposite.ToDictionary(d => d, d => Mean(stats.Get(d), UnitCells.ScoreFigure(d), group));

    private IReadOnlyDictionary<string, long?> Breakdown(string dimension, IReadOnlyList<string> values,
        Dictionary<string, GroupStats> groups) =>
        values.ToDictionary(v => v, v => Count(groups.GetValueOrDefault(v)?.Returnees ?? 0, "returnees", G.Of(dimension, v)));

    private IReadOnlyDictionary<string, GroupFigures> Groups(string dimension, IReadOnlyList<string> values,
        Dictionary<string, GroupStats> groups) =>
        values.Where(groups.ContainsKey).ToDictionary(v => v, v =>
        {
            var group = G.Of(dimension, v);
            var stats = groups[v];
            return new GroupFigures(Count(stats.Returnees, "returnees", group), Scores(stats, group),
                Share(stats.Sustainable, stats.Composite.Count, (UnitCells.ScoreFigure(Dimension.Composite), group)));
        });

    /// <summary>Records and amounts in all and by type; a type's cell is over the returnees who received it.</summary>
    private AssistanceOverview Assistance()
    {
        var shown = Shown("assistance");
        var types = AssistanceType.All.Where(summary.AssistanceByType.ContainsKey).ToDictionary(t => t, t =>
        {
            var totals = summary.AssistanceByType[t];
            return Shown("assistance", G.Of(G.AssistanceType, t))
                ? new AssistanceTypeCell(totals.Records, totals.AmountUsd)
                : new AssistanceTypeCell(null, null, Suppressed: true);
        });
        return new AssistanceOverview(
            shown ? summary.AssistanceByType.Values.Sum(t => t.Records) : null,
            shown ? summary.AssistanceByType.Values.Sum(t => t.AmountUsd) : null,
            shown ? summary.ReturneesAssisted : null,
            types);
    }

    private IReadOnlyList<WhatWorksRow> WhatWorks() =>
        AssistanceType.All
            .Where(summary.ImprovementByAssistanceType.ContainsKey)
            .Select(type =>
            {
                var received = summary.ImprovementByAssistanceType[type];
                var notReceived = summary.All.Improvement.Without(received);
                var (receivedCell, notReceivedCell) = (Mean(received, "improvement", G.Of(G.Received, type)),
                    Mean(notReceived, "improvement", G.Of(G.NotReceived, type)));
                // The difference and its interval would give a hidden group's mean from the other's.
                var welch = receivedCell.Suppressed || notReceivedCell.Suppressed ? null : WelchInterval.Between(received, notReceived);
                return new WhatWorksRow(type, receivedCell, notReceivedCell, welch?.Difference, welch?.CiLow, welch?.CiHigh);
            })
            .ToList();
}
