using Reintegration.Analytics.Domain.Disclosure;
using Reintegration.Analytics.Domain.Vocabulary;

namespace Reintegration.Analytics.Domain.Aggregation;

/// <summary>
/// The headline figures of one group of returnees on a day (SPEC §2.4), with small cells suppressed:
/// what every aggregate document leads with and every row of <c>/compare</c> shows.
/// </summary>
public sealed record HeadlineFigures(
    long? Returnees,
    long? Surveyed,
    IReadOnlyDictionary<string, MeanCell> Scores,
    double? SustainableShare,
    MeanCell Improvement,
    double? FollowUpCoverage,
    FollowUpCounts FollowUp,
    double? RemigrationNecessityShare)
{
    public static HeadlineFigures Of(GroupStats stats, DateOnly today, CellSuppression cells)
    {
        var followUp = stats.FollowUpOn(today);
        // Covered, overdue and missed are (all but the few open on day 365 exactly) a partition of due.
        var (due, covered, overdue, missed) = (cells.Cell("followUp.due", followUp.Due), cells.Cell("followUp.covered", followUp.Covered),
            cells.Cell("followUp.overdue", followUp.Overdue), cells.Cell("followUp.missed", followUp.Missed));
        ComplementarySuppression.Protect(due, [covered, overdue, missed]);
        var scores = ScoresOf(stats, cells);
        return new HeadlineFigures(
            cells.Count(cells.Cell("returnees", stats.Returnees)),
            cells.Count(cells.Cell("surveyed", stats.Surveyed)),
            scores,
            cells.Ratio(stats.Sustainable, cells.Cell($"score.{Dimension.Composite}", stats.Composite.Count)),
            cells.Mean(stats.Improvement, cells.Cell("improvement", stats.Improvement.Count)),
            cells.Share(covered, due),
            new FollowUpCounts(cells.Count(due), cells.Count(covered), cells.Count(cells.Cell("followUp.open", followUp.Open)),
                cells.Count(overdue), cells.Count(missed)),
            cells.Ratio(stats.RemigrationNecessity, cells.Cell("remigration.answered", stats.RemigrationAnswered)));
    }

    public static IReadOnlyDictionary<string, MeanCell> ScoresOf(GroupStats stats, CellSuppression cells) =>
        Dimension.WithComposite.ToDictionary(d => d, d => cells.Mean(stats.Get(d), cells.Cell($"score.{d}", stats.Get(d).Count)));
}
