using Reintegration.Analytics.Domain.Indicators;

namespace Reintegration.Analytics.Domain.Snapshots;

/// <summary>
/// The order of a snapshot's rows: level (global, region, country, community), unit code (ordinal), indicator
/// (codebook order), group (<see cref="SnapshotGroups.All"/> order). Two snapshots in this order can be compared
/// row by row in one pass (<see cref="SnapshotDiff"/>).
/// </summary>
public sealed class SnapshotRowOrder : IComparer<SnapshotRow>
{
    public static readonly SnapshotRowOrder Instance = new();

    private static readonly string[] Levels =
        [IndicatorCodebook.Global, IndicatorCodebook.Region, IndicatorCodebook.Country, IndicatorCodebook.Community];

    private static readonly Dictionary<string, int> IndicatorRank =
        IndicatorCodebook.All.Select((indicator, i) => (indicator.Code, i)).ToDictionary(p => p.Code, p => p.i);

    private static readonly Dictionary<string, int> GroupRank =
        SnapshotGroups.All.Select((group, i) => (group, i)).ToDictionary(p => p.group, p => p.i);

    public int Compare(SnapshotRow? x, SnapshotRow? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var c = Array.IndexOf(Levels, x.Level).CompareTo(Array.IndexOf(Levels, y.Level));
        if (c == 0) c = string.CompareOrdinal(x.UnitCode, y.UnitCode);
        if (c == 0) c = Rank(IndicatorRank, x.Indicator).CompareTo(Rank(IndicatorRank, y.Indicator));
        if (c == 0) c = Rank(GroupRank, x.Group).CompareTo(Rank(GroupRank, y.Group));
        return c;
    }

    private static int Rank(Dictionary<string, int> ranks, string key) => ranks.GetValueOrDefault(key, int.MaxValue);
}
