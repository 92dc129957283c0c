using Reintegration.Analytics.Domain.Returnees;
using Reintegration.Analytics.Domain.Vocabulary;

namespace Reintegration.Analytics.Domain.Aggregation;

/// <summary>
/// Evaluates an <see cref="AggregateSummary"/> into the figures of SPEC §2.4 for a given day,
/// applying small-cell suppression. Level documents add their own parts to these figures.
/// </summary>
public static class AggregateDocumentBuilder
{
    public static AggregateDocument Figures(AggregateSummary summary, DateOnly today, DateTimeOffset asOf, CellSuppression cells)
    {
        var all = summary.All;
        long due = 0, covered = 0;
        foreach (var (dayNumber, counts) in summary.ByReturnDay)
        {
            if (!FollowUpWindow.IsDue(DateOnly.FromDayNumber(dayNumber), today)) continue;
            due += counts.Returnees;
            covered += counts.FollowedUp;
        }

        var eligible = summary.PlanStatuses.GetValueOrDefault(PlanStatus.Eligible);
        var completed = summary.PlanStatuses.GetValueOrDefault(PlanStatus.AssistanceCompleted);

        return new AggregateDocument
        {
            Returnees = cells.Count(all.Returnees),
            Surveyed = cells.Count(all.Surveyed),
            Scores = Scores(all, cells),
            SustainableShare = cells.Share(all.Sustainable, all.Composite.Count),
            Improvement = cells.Mean(summary.Improvement),
            FollowUpCoverage = cells.Share(covered, due),
            FollowUp = new FollowUpCounts(cells.Count(due), cells.Count(covered)),
            RemigrationNecessityShare = cells.Share(summary.RemigrationNecessity, summary.RemigrationAnswered),
            Plan = new PlanFunnel(
                cells.Count(eligible),
                cells.Count(summary.PlanStatuses.GetValueOrDefault(PlanStatus.PlanDeveloped)),
                cells.Count(summary.PlanStatuses.GetValueOrDefault(PlanStatus.AssistanceStarted)),
                cells.Count(completed),
                cells.Count(summary.PlanStatuses.GetValueOrDefault(PlanStatus.DroppedOut)),
                cells.Share(completed, eligible)),
            Assistance = new AssistanceOverview(
                summary.AssistanceByType.Values.Sum(t => t.Records),
                summary.AssistanceByType.Values.Sum(t => t.AmountUsd),
                cells.Count(summary.ReturneesAssisted),
                AssistanceType.All
                    .Where(summary.AssistanceByType.ContainsKey)
                    .ToDictionary(t => t, t => new AssistanceTypeCell(summary.AssistanceByType[t].Records, summary.AssistanceByType[t].AmountUsd))),
            Breakdown = new Breakdown(
                Counts(Vocabulary.Sex.All, summary.BySex, s => s.Returnees, cells),
                Counts(AgeBand.All, summary.ByAgeBand, s => s.Returnees, cells),
                Counts(ReturnType.All, summary.ByReturnType, s => s.Returnees, cells),
                Counts(Vulnerability.All, summary.ByVulnerability, n => n, cells)),
            WhatWorks = WhatWorks(summary, cells),
            AsOf = asOf,
        };
    }

    public static Disaggregations Disaggregations(AggregateSummary summary, CellSuppression cells) => new(
        Groups(Vocabulary.Sex.All, summary.BySex, cells),
        Groups(AgeBand.All, summary.ByAgeBand, cells),
        Groups(ReturnType.All, summary.ByReturnType, cells));

    private static IReadOnlyDictionary<string, MeanCell> Scores(ScoreStats stats, CellSuppression cells) =>
        Dimension.WithComposite.ToDictionary(d => d, d => cells.Mean(stats.Get(d)));

    private static IReadOnlyDictionary<string, long?> Counts<T>(
        IReadOnlyList<string> keys, Dictionary<string, T> groups, Func<T, long> count, CellSuppression cells) =>
        keys.ToDictionary(k => k, k => cells.Count(groups.TryGetValue(k, out var g) ? count(g) : 0));

    private static IReadOnlyDictionary<string, GroupFigures> Groups(
        IReadOnlyList<string> keys, Dictionary<string, ScoreStats> groups, CellSuppression cells) =>
        keys.Where(groups.ContainsKey).ToDictionary(k => k, k => new GroupFigures(
            cells.Count(groups[k].Returnees),
            Scores(groups[k], cells),
            cells.Share(groups[k].Sustainable, groups[k].Composite.Count)));

    private static IReadOnlyList<WhatWorksRow> WhatWorks(AggregateSummary summary, CellSuppression cells) =>
        AssistanceType.All
            .Where(summary.ImprovementByAssistanceType.ContainsKey)
            .Select(type =>
            {
                var received = summary.ImprovementByAssistanceType[type];
                return new WhatWorksRow(
                    type,
                    cells.Mean(received),
                    cells.Mean(summary.Improvement.Sum - received.Sum, summary.Improvement.Count - received.Count));
            })
            .ToList();
}
