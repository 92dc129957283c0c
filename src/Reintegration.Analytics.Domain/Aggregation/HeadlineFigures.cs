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
        var (due, covered, overdue, missed) =
            (cells.Cell(followUp.Due), cells.Cell(followUp.Covered), cells.Cell(followUp.Overdue), cells.Cell(followUp.Missed));
        ComplementarySuppression.Protect(due, [covered, overdue, missed]);
        return new HeadlineFigures(
            cells.Count(stats.Returnees),
            cells.Count(stats.Surveyed),
            ScoresOf(stats, cells),
            cells.Share(stats.Sustainable, stats.Composite.Count),
            cells.Mean(stats.Improvement),
            cells.Share(covered, due),
            new FollowUpCounts(
                cells.Count(due), cells.Count(covered), cells.Count(followUp.Open), cells.Count(overdue), cells.Count(missed)),
            cells.Share(stats.RemigrationNecessity, stats.RemigrationAnswered));
    }

    public static IReadOnlyDictionary<string, MeanCell> ScoresOf(GroupStats stats, CellSuppression cells) =>
        Dimension.WithComposite.ToDictionary(d => d, d => cells.Mean(stats.Get(d)));
}
