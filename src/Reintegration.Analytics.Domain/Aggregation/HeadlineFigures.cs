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
        return new HeadlineFigures(
            cells.Count(stats.Returnees),
            cells.Count(stats.Surveyed),
            ScoresOf(stats, cells),
            cells.Share(stats.Sustainable, stats.Composite.Count),
            cells.Mean(stats.Improvement),
            cells.Share(followUp.Covered, followUp.Due),
            new FollowUpCounts(
                cells.Count(followUp.Due), cells.Count(followUp.Covered),
                cells.Count(followUp.Open), cells.Count(followUp.Overdue), cells.Count(followUp.Missed)),
            cells.Share(stats.RemigrationNecessity, stats.RemigrationAnswered));
    }

    public static IReadOnlyDictionary<string, MeanCell> ScoresOf(GroupStats stats, CellSuppression cells) =>
        Dimension.WithComposite.ToDictionary(d => d, d => cells.Mean(stats.Get(d)));
}
