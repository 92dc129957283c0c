using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Domain.Vocabulary;

namespace Reintegration.Analytics.Domain.Aggregation;

/// <summary>
/// Headquarters' side-by-side table (<c>GET /compare</c>): one row per country with its headline
/// figures, and when a grouping (sex, ageBand, returnType) is asked for, one row per country and
/// group followed by the country's total row (<c>group</c> null, the only row with <c>structuralIndex</c>).
/// </summary>
public sealed record CountryComparison(string? By, IReadOnlyList<ComparisonRow> Rows, DateTimeOffset AsOf)
{
    public static readonly IReadOnlyList<string> Groupings = ["sex", "ageBand", "returnType"];

    public static CountryComparison Build(
        IReadOnlyList<CountryReport> reports, RegionMap regions, string? by, DateOnly today, DateTimeOffset asOf, int minimumCellSize)
    {
        var rows = new List<ComparisonRow>();
        foreach (var report in reports.OrderBy(r => r.Country, StringComparer.Ordinal))
        {
            var region = regions.RegionOf(report.Country);
            if (by is not null)
            {
                var (values, groups) = by switch
                {
                    "sex" => (Sex.All, report.Summary.BySex),
                    "ageBand" => (AgeBand.All, report.Summary.ByAgeBand),
                    "returnType" => (ReturnType.All, report.Summary.ByReturnType),
                    _ => throw new ArgumentOutOfRangeException(nameof(by), by, null),
                };
                foreach (var value in values)
                    rows.Add(Row(report.Country, region, value, groups.GetValueOrDefault(value) ?? new GroupStats(), null, today, minimumCellSize));
            }
            rows.Add(Row(report.Country, region, null, report.Summary.All, report.Assessment?.StructuralIndex, today, minimumCellSize));
        }
        return new CountryComparison(by, rows, asOf);
    }

    private static ComparisonRow Row(
        string country, string region, string? group, GroupStats stats, double? structuralIndex, DateOnly today, int minimumCellSize)
    {
        var cells = new CellSuppression(minimumCellSize);
        var figures = HeadlineFigures.Of(stats, today, cells);
        return new ComparisonRow(
            country, region, group,
            figures.Returnees, figures.Surveyed, figures.Scores, figures.SustainableShare, figures.Improvement,
            figures.FollowUpCoverage, figures.RemigrationNecessityShare, structuralIndex,
            cells.AnySuppressed);
    }
}

/// <summary>One row of <see cref="CountryComparison"/>: a country (group null) or one group of it.</summary>
public sealed record ComparisonRow(
    string Country,
    string Region,
    string? Group,
    long? Returnees,
    long? Surveyed,
    IReadOnlyDictionary<string, MeanCell> Scores,
    double? SustainableShare,
    MeanCell Improvement,
    double? FollowUpCoverage,
    double? RemigrationNecessityShare,
    double? StructuralIndex,
    bool Suppressed);
