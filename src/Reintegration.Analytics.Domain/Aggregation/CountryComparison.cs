using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Domain.Vocabulary;

namespace Reintegration.Analytics.Domain.Aggregation;

/// <summary>
/// Headquarters' side-by-side table (<c>GET /compare</c>): one row per country, or one per country
/// and group when a grouping (sex, ageBand, returnType) is asked for.
/// </summary>
public sealed record CountryComparison(string? By, IReadOnlyList<ComparisonRow> Rows, DateTimeOffset AsOf)
{
    public static readonly IReadOnlyList<string> Groupings = ["sex", "ageBand", "returnType"];

    public static CountryComparison Build(IReadOnlyList<CountryReport> reports, RegionMap regions, string? by, DateTimeOffset asOf, int minimumCellSize)
    {
        var rows = new List<ComparisonRow>();
        foreach (var report in reports.OrderBy(r => r.Country, StringComparer.Ordinal))
        {
            var region = regions.RegionOf(report.Country);
            if (by is null)
            {
                rows.Add(Row(report.Country, region, null, report.Summary.All, minimumCellSize));
                continue;
            }
            var (values, groups) = by switch
            {
                "sex" => (Sex.All, report.Summary.BySex),
                "ageBand" => (AgeBand.All, report.Summary.ByAgeBand),
                "returnType" => (ReturnType.All, report.Summary.ByReturnType),
                _ => throw new ArgumentOutOfRangeException(nameof(by), by, null),
            };
            foreach (var value in values)
                rows.Add(Row(report.Country, region, value, groups.GetValueOrDefault(value) ?? new ScoreStats(), minimumCellSize));
        }
        return new CountryComparison(by, rows, asOf);
    }

    private static ComparisonRow Row(string country, string region, string? group, ScoreStats stats, int minimumCellSize)
    {
        var cells = new CellSuppression(minimumCellSize);
        return new ComparisonRow(
            country,
            region,
            group,
            cells.Count(stats.Returnees),
            cells.Count(stats.Surveyed),
            Dimension.WithComposite.ToDictionary(d => d, d => cells.Mean(stats.Get(d))),
            cells.Share(stats.Sustainable, stats.Composite.Count),
            cells.AnySuppressed);
    }
}

public sealed record ComparisonRow(
    string Country,
    string Region,
    string? Group,
    long? Returnees,
    long? Surveyed,
    IReadOnlyDictionary<string, MeanCell> Scores,
    double? SustainableShare,
    bool Suppressed);
