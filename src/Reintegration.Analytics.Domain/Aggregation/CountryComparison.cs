using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Domain.Snapshots;
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
        IReadOnlyList<ProtectedReport<CountryReport>> reports, RegionMap regions, string? by, DateTimeOffset asOf)
    {
        var rows = new List<ComparisonRow>();
        // The country's own cells, as its document shows them: group rows add up to the total row like the document's groups
        // add up to its figures.
        foreach (var (report, hidden, today, _) in reports.OrderBy(r => r.Report.Country, StringComparer.Ordinal))
        {
            var region = regions.RegionOf(report.Country);
            if (by is not null)
            {
                var (dimension, values, groups) = by switch
                {
                    "sex" => (SnapshotGroups.Sex, Sex.All, report.Summary.BySex),
                    "ageBand" => (SnapshotGroups.AgeBand, AgeBand.All, report.Summary.ByAgeBand),
                    "returnType" => (SnapshotGroups.ReturnType, ReturnType.All, report.Summary.ByReturnType),
                    _ => throw new ArgumentOutOfRangeException(nameof(by), by, null),
                };
                foreach (var value in values)
                    rows.Add(new CellFigures(hidden, report.Summary, today).ComparisonRow(report.Country, region, value,
                        groups.GetValueOrDefault(value) ?? new GroupStats(), null, SnapshotGroups.Of(dimension, value)));
            }
            rows.Add(new CellFigures(hidden, report.Summary, today)
                .ComparisonRow(report.Country, region, null, report.Summary.All, report.Assessment?.StructuralIndex, SnapshotGroups.Total));
        }
        return new CountryComparison(by, rows, asOf);
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
