using Reintegration.Analytics.Domain.FollowUp;
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
        var headline = HeadlineFigures.Of(summary.All, today, cells);
        var eligible = summary.PlanStatuses.GetValueOrDefault(PlanStatus.Eligible);
        var completed = summary.PlanStatuses.GetValueOrDefault(PlanStatus.AssistanceCompleted);

        return new AggregateDocument
        {
            Returnees = headline.Returnees,
            Surveyed = headline.Surveyed,
            Scores = headline.Scores,
            SustainableShare = headline.SustainableShare,
            Improvement = headline.Improvement,
            FollowUpCoverage = headline.FollowUpCoverage,
            FollowUp = headline.FollowUp,
            RemigrationNecessityShare = headline.RemigrationNecessityShare,
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

    private static IReadOnlyDictionary<string, long?> Counts<T>(
        IReadOnlyList<string> keys, Dictionary<string, T> groups, Func<T, long> count, CellSuppression cells) =>
        keys.ToDictionary(k => k, k => cells.Count(groups.TryGetValue(k, out var g) ? count(g) : 0));

    private static IReadOnlyDictionary<string, GroupFigures> Groups(
        IReadOnlyList<string> keys, Dictionary<string, GroupStats> groups, CellSuppression cells) =>
        keys.Where(groups.ContainsKey).ToDictionary(k => k, k => new GroupFigures(
            cells.Count(groups[k].Returnees),
            HeadlineFigures.ScoresOf(groups[k], cells),
            cells.Share(groups[k].Sustainable, groups[k].Composite.Count)));

    private static IReadOnlyList<WhatWorksRow> WhatWorks(AggregateSummary summary, CellSuppression cells) =>
        AssistanceType.All
            .Where(summary.ImprovementByAssistanceType.ContainsKey)
            .Select(type =>
            {
                var received = summary.ImprovementByAssistanceType[type];
                var notReceived = summary.All.Improvement.Without(received);
                var receivedCell = cells.Mean(received);
                var notReceivedCell = cells.Mean(notReceived);
                // A difference over a hidden group would reveal it: shown only when both groups are.
                var welch = receivedCell.Suppressed || notReceivedCell.Suppressed ? null : WelchInterval.Between(received, notReceived);
                return new WhatWorksRow(type, receivedCell, notReceivedCell, welch?.Difference, welch?.CiLow, welch?.CiHigh);
            })
            .ToList();
}
