namespace Reintegration.Analytics.Domain.Snapshots;

/// <summary>
/// Builds a snapshot's tidy table (SPEC §3.1) from what its countries held at one moment, protected as the whole
/// programme is (<see cref="ProtectedProgramme"/>), so the live documents of the same data hide the same cells.
/// Rows come in <see cref="SnapshotRowOrder"/>: by level (global first), unit code, indicator, group.
/// </summary>
public static class SnapshotTable
{
    public const string GlobalCode = ProtectedProgramme.GlobalCode;

    /// <param name="countries">
    /// Every country of the programme with its communities: protection starts from the globe whatever the scope.
    /// </param>
    /// <param name="scope">The units that get rows.</param>
    public static IReadOnlyList<SnapshotRow> Build(
        IReadOnlyList<SnapshotCountry> countries, SnapshotScope scope, DateOnly today, int minimumCellSize)
    {
        var (_, units) = ProtectedProgramme.Build(countries, today, minimumCellSize);
        return units.Where(u => u.Level switch
            {
                Indicators.IndicatorCodebook.Global => scope.WithGlobal,
                Indicators.IndicatorCodebook.Region => scope.WithRegions && scope.Covers(null, u.Code),
                _ => scope.Covers(u.Country, u.Region!),
            })
            .SelectMany(u => u.Render()).Order(SnapshotRowOrder.Instance).ToList();
    }
}
