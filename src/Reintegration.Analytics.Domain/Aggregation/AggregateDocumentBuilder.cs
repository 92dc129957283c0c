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
        var all = summary.All;
        var followUp = FollowUp(summary, today);

        var eligible = summary.PlanStatuses.GetValueOrDefault(PlanStatus.Eligible);
        var completed = summary.PlanStatuses.GetValueOrDefault(PlanStatus.AssistanceCompleted);

        return new AggregateDocument
        {
            Returnees = cells.Count(all.Returnees),
            Surveyed = cells.Count(all.Surveyed),
            Scores = Scores(all, cells),
            SustainableShare = cells.Share(all.Sustainable, all.Composite.Count),
            Improvement = cells.Mean(summary.Improvement),
            FollowUpCoverage = cells.Share(followUp.Covered, followUp.Due),
            FollowUp = new FollowUpCounts(
                cells.Count(followUp.Due), cells.Count(followUp.Covered),
                cells.Count(followUp.Open), cells.Count(followUp.Overdue), cells.Count(followUp.Missed)),
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

    /// <summary>
    /// Follow-up counts on <paramref name="today"/>, from returnees per return date: <c>due</c> and
    /// <c>covered</c> are coverage's terms; open, overdue and missed count the returnees not covered.
    /// </summary>
    public static FollowUpTotals FollowUp(AggregateSummary summary, DateOnly today)
    {
        long due = 0, covered = 0, open = 0, overdue = 0, missed = 0;
        foreach (var (dayNumber, counts) in summary.ByReturnDay)
        {
            var returnDate = DateOnly.FromDayNumber(dayNumber);
            if (FollowUpWindow.IsDue(returnDate, today))
            {
                due += counts.Returnees;
                covered += counts.FollowedUp;
            }
            var notCovered = counts.Returnees - counts.FollowedUp;
            switch (FollowUpWindow.StatusOf(returnDate, covered: false, today))
            {
                case FollowUpStatus.Open: open += notCovered; break;
                case FollowUpStatus.Overdue: overdue += notCovered; break;
                case FollowUpStatus.Missed: missed += notCovered; break;
            }
        }
        return new FollowUpTotals(due, covered, open, overdue, missed);
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
                var notReceived = summary.Improvement.Without(received);
                var receivedCell = cells.Mean(received);
                var notReceivedCell = cells.Mean(notReceived);
                // A difference over a hidden group would reveal it: shown only when both groups are.
                var welch = receivedCell.Suppressed || notReceivedCell.Suppressed ? null : WelchInterval.Between(received, notReceived);
                return new WhatWorksRow(type, receivedCell, notReceivedCell, welch?.Difference, welch?.CiLow, welch?.CiHigh);
            })
            .ToList();
}

/// <summary>Unsuppressed follow-up counts of a unit on one day (see <see cref="AggregateDocumentBuilder.FollowUp"/>).</summary>
public readonly record struct FollowUpTotals(long Due, long Covered, long Open, long Overdue, long Missed);
