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
        ProtectedCell Plan(string status) => cells.Cell($"plan.{status}", summary.PlanStatuses.GetValueOrDefault(status));
        var (eligible, completed) = (Plan(PlanStatus.Eligible), Plan(PlanStatus.AssistanceCompleted));
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
                cells.Count(Plan(PlanStatus.PlanDeveloped)),
                cells.Count(Plan(PlanStatus.AssistanceStarted)),
                cells.Count(completed),
                cells.Count(Plan(PlanStatus.DroppedOut)),
                cells.Share(completed, eligible)),
            Assistance = Assistance(summary, cells),
            Breakdown = new Breakdown(
                Render(breakdown.Sex, cells),
                Render(breakdown.AgeBand, cells),
                Render(breakdown.ReturnType, cells),
                Vulnerability.All.ToDictionary(v => v,
                    v => cells.Count(cells.Cell($"vulnerability.{v}", summary.ByVulnerability.GetValueOrDefault(v))))),
            WhatWorks = WhatWorks(summary, cells),
            AsOf = asOf,
        };
    }

    public static Disaggregations Disaggregations(AggregateSummary summary, CellSuppression cells)
    {
        var breakdown = BreakdownCells(summary, cells);
        return new Disaggregations(
            Groups("sex", summary.All, summary.BySex, breakdown.Sex, cells),
            Groups("ageBand", summary.All, summary.ByAgeBand, breakdown.AgeBand, cells),
            Groups("returnType", summary.All, summary.ByReturnType, breakdown.ReturnType, cells));
    }

    private sealed record BreakdownCellSet(
        IReadOnlyDictionary<string, ProtectedCell> Sex,
        IReadOnlyDictionary<string, ProtectedCell> AgeBand,
        IReadOnlyDictionary<string, ProtectedCell> ReturnType);

    /// <summary>Returnees per sex, age band and return type, each partition protected against the unit's count.</summary>
    private static BreakdownCellSet BreakdownCells(AggregateSummary summary, CellSuppression cells)
    {
        var total = cells.Cell("returnees", summary.All.Returnees);
        IReadOnlyDictionary<string, ProtectedCell> Partition(
            string grouping, IReadOnlyList<string> keys, Dictionary<string, GroupStats> groups)
        {
            var parts = keys.ToDictionary(
                k => k, k => cells.Cell($"breakdown.{grouping}.{k}", groups.GetValueOrDefault(k)?.Returnees ?? 0));
            ComplementarySuppression.Protect(total, parts.Values.ToList());
            return parts;
        }
        return new BreakdownCellSet(
            Partition("sex", Vocabulary.Sex.All, summary.BySex), Partition("ageBand", AgeBand.All, summary.ByAgeBand),
            Partition("returnType", ReturnType.All, summary.ByReturnType));
    }

    private static IReadOnlyDictionary<string, long?> Render(IReadOnlyDictionary<string, ProtectedCell> parts, CellSuppression cells) =>
        parts.ToDictionary(p => p.Key, p => cells.Count(p.Value));

    /// <summary>Group figures; per dimension the groups' means are protected against the overall mean and n.</summary>
    private static IReadOnlyDictionary<string, GroupFigures> Groups(
        string grouping, GroupStats all, Dictionary<string, GroupStats> groups, IReadOnlyDictionary<string, ProtectedCell> returnees,
        CellSuppression cells)
    {
        var keys = returnees.Keys.Where(groups.ContainsKey).ToList();
        var meanCells = Dimension.WithComposite.ToDictionary(d => d, d =>
        {
            var parts = keys.ToDictionary(k => k, k => cells.Cell($"group.{grouping}.{k}.score.{d}", groups[k].Get(d).Count));
            ComplementarySuppression.Protect(cells.Cell($"score.{d}", all.Get(d).Count), parts.Values.ToList());
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
        var typeCells = types.ToDictionary(t => t, t => cells.Cell($"assistance.{t}", summary.AssistanceByType[t].Returnees));
        var total = cells.Cell("assistance.returnees", summary.ReturneesAssisted);
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
                var receivedCell = cells.Cell($"whatWorks.{type}.received", received.Count);
                var notReceivedCell = cells.Cell($"whatWorks.{type}.notReceived", notReceived.Count);
                ComplementarySuppression.Protect(cells.Cell("improvement", summary.All.Improvement.Count), [receivedCell, notReceivedCell]);
                var shown = cells.Shown(receivedCell) && cells.Shown(notReceivedCell);
                var welch = shown ? WelchInterval.Between(received, notReceived) : null;
                return new WhatWorksRow(type, cells.Mean(received, receivedCell), cells.Mean(notReceived, notReceivedCell),
                    welch?.Difference, welch?.CiLow, welch?.CiHigh);
            })
            .ToList();
}
