using Reintegration.Analytics.Domain.Disclosure;
using Reintegration.Analytics.Domain.Vocabulary;

namespace Reintegration.Analytics.Domain.Aggregation;

/// <summary>
/// Evaluates an <see cref="AggregateSummary"/> into the figures of SPEC §2.4 for a given day, with
/// small cells hidden and every hidden figure protected against subtraction within the document
/// (<see cref="ComplementarySuppression"/>): breakdowns against the unit's count, group means against the
/// overall mean and n, assistance types against the totals, "what works" groups against each other, shares
/// against their terms. Level documents add their own parts to these figures.
/// </summary>
public static class AggregateDocumentBuilder
{
    public static AggregateDocument Figures(AggregateSummary summary, DateOnly today, DateTimeOffset asOf, CellSuppression cells)
    {
        var headline = HeadlineFigures.Of(summary.All, today, cells);
        var eligible = cells.Cell(summary.PlanStatuses.GetValueOrDefault(PlanStatus.Eligible));
        var completed = cells.Cell(summary.PlanStatuses.GetValueOrDefault(PlanStatus.AssistanceCompleted));
        var breakdown = BreakdownCells(summary, cells);

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
            Assistance = Assistance(summary, cells),
            Breakdown = new Breakdown(
                Render(breakdown.Sex, cells),
                Render(breakdown.AgeBand, cells),
                Render(breakdown.ReturnType, cells),
                Vulnerability.All.ToDictionary(v => v, v => cells.Count(summary.ByVulnerability.GetValueOrDefault(v)))),
            WhatWorks = WhatWorks(summary, cells),
            AsOf = asOf,
        };
    }

    public static Disaggregations Disaggregations(AggregateSummary summary, CellSuppression cells)
    {
        var breakdown = BreakdownCells(summary, cells);
        return new Disaggregations(
            Groups(summary.All, summary.BySex, breakdown.Sex, cells),
            Groups(summary.All, summary.ByAgeBand, breakdown.AgeBand, cells),
            Groups(summary.All, summary.ByReturnType, breakdown.ReturnType, cells));
    }

    private sealed record BreakdownCellSet(
        IReadOnlyDictionary<string, ProtectedCell> Sex,
        IReadOnlyDictionary<string, ProtectedCell> AgeBand,
        IReadOnlyDictionary<string, ProtectedCell> ReturnType);

    /// <summary>Returnees per sex, age band and return type, each partition protected against the unit's count.</summary>
    private static BreakdownCellSet BreakdownCells(AggregateSummary summary, CellSuppression cells)
    {
        var total = cells.Cell(summary.All.Returnees);
        IReadOnlyDictionary<string, ProtectedCell> Partition(IReadOnlyList<string> keys, Dictionary<string, GroupStats> groups)
        {
            var parts = keys.ToDictionary(k => k, k => cells.Cell(groups.GetValueOrDefault(k)?.Returnees ?? 0));
            ComplementarySuppression.Protect(total, parts.Values.ToList());
            return parts;
        }
        return new BreakdownCellSet(
            Partition(Vocabulary.Sex.All, summary.BySex), Partition(AgeBand.All, summary.ByAgeBand),
            Partition(ReturnType.All, summary.ByReturnType));
    }

    private static IReadOnlyDictionary<string, long?> Render(IReadOnlyDictionary<string, ProtectedCell> parts, CellSuppression cells) =>
        parts.ToDictionary(p => p.Key, p => cells.Count(p.Value));

    /// <summary>Group figures; per dimension the groups' means are protected against the overall mean and n.</summary>
    private static IReadOnlyDictionary<string, GroupFigures> Groups(
        GroupStats all, Dictionary<string, GroupStats> groups, IReadOnlyDictionary<string, ProtectedCell> returnees, CellSuppression cells)
    {
        var keys = returnees.Keys.Where(groups.ContainsKey).ToList();
        var meanCells = Dimension.WithComposite.ToDictionary(d => d, d =>
        {
            var parts = keys.ToDictionary(k => k, k => cells.Cell(groups[k].Get(d).Count));
            ComplementarySuppression.Protect(cells.Cell(all.Get(d).Count), parts.Values.ToList());
            return parts;
        });
        return keys.ToDictionary(k => k, k => new GroupFigures(
            cells.Count(returnees[k]),
            Dimension.WithComposite.ToDictionary(d => d, d => cells.Mean(groups[k].Get(d), meanCells[d][k])),
            cells.Shown(meanCells[Dimension.Composite][k]) ? groups[k].SustainableShare : null));
    }

    /// <summary>Records and amounts by type add up to the totals: types of fewer than k returnees are protected against them.</summary>
    private static AssistanceOverview Assistance(AggregateSummary summary, CellSuppression cells)
    {
        var types = AssistanceType.All.Where(summary.AssistanceByType.ContainsKey).ToList();
        var typeCells = types.ToDictionary(t => t, t => cells.Cell(summary.AssistanceByType[t].Returnees));
        var total = cells.Cell(summary.ReturneesAssisted);
        ComplementarySuppression.Protect(total, typeCells.Values.ToList());
        var showTotals = cells.Shown(total);
        return new AssistanceOverview(
            showTotals ? summary.AssistanceByType.Values.Sum(t => t.Records) : null,
            showTotals ? summary.AssistanceByType.Values.Sum(t => t.AmountUsd) : null,
            cells.Count(total),
            types.ToDictionary(t => t, t => cells.Shown(typeCells[t])
                ? new AssistanceTypeCell(summary.AssistanceByType[t].Records, summary.AssistanceByType[t].AmountUsd)
                : new AssistanceTypeCell(null, null, Suppressed: true)));
    }

    private static IReadOnlyList<WhatWorksRow> WhatWorks(AggregateSummary summary, CellSuppression cells) =>
        AssistanceType.All
            .Where(summary.ImprovementByAssistanceType.ContainsKey)
            .Select(type =>
            {
                var received = summary.ImprovementByAssistanceType[type];
                var notReceived = summary.All.Improvement.Without(received);
                // The two groups partition the returnees with an improvement: one hidden group would be the other's complement.
                var (receivedCell, notReceivedCell) = (cells.Cell(received.Count), cells.Cell(notReceived.Count));
                ComplementarySuppression.Protect(cells.Cell(summary.All.Improvement.Count), [receivedCell, notReceivedCell]);
                var shown = cells.Shown(receivedCell) && cells.Shown(notReceivedCell);
                var welch = shown ? WelchInterval.Between(received, notReceived) : null;
                return new WhatWorksRow(type, cells.Mean(received, receivedCell), cells.Mean(notReceived, notReceivedCell),
                    welch?.Difference, welch?.CiLow, welch?.CiHigh);
            })
            .ToList();
}
