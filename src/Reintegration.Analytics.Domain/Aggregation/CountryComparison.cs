using Reintegration.Analytics.Domain.Disclosure;
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
                var stats = values.Select(v => groups.GetValueOrDefault(v) ?? new GroupStats()).ToList();
                var hidden = GroupsHiddenAgainstTotal(report.Summary.All, stats, today, minimumCellSize);
                for (var i = 0; i < values.Count; i++)
                    rows.Add(Row(report.Country, region, values[i], stats[i], null, today, minimumCellSize, hidden[i]));
            }
            rows.Add(Row(
                report.Country, region, null, report.Summary.All, report.Assessment?.StructuralIndex, today, minimumCellSize, new()));
        }
        return new CountryComparison(by, rows, asOf);
    }

    /// <summary>Figures of a group row that complementary suppression hides (its own small cells are hidden anyway).</summary>
    private sealed record HiddenFigures
    {
        public bool Returnees { get; set; }
        public bool Surveyed { get; set; }
        public HashSet<string> Dimensions { get; } = [];
        public bool Improvement { get; set; }
        public bool Coverage { get; set; }
    }

    /// <summary>
    /// Group rows add up to the country's total row: for each additive figure (returnees, surveyed, each score's n,
    /// improvement's n, coverage's terms) a single hidden group would be the total minus the others, so it is protected.
    /// </summary>
    private static List<HiddenFigures> GroupsHiddenAgainstTotal(
        GroupStats total, List<GroupStats> groups, DateOnly today, int minimumCellSize)
    {
        var cells = new CellSuppression(minimumCellSize);
        var hidden = groups.Select(_ => new HiddenFigures()).ToList();
        void Protect(Func<GroupStats, long> n, Action<HiddenFigures> hide)
        {
            var parts = groups.Select(g => cells.Cell(n(g))).ToList();
            ComplementarySuppression.Protect(cells.Cell(n(total)), parts);
            for (var i = 0; i < parts.Count; i++)
                if (parts[i].Hidden) hide(hidden[i]);
        }
        Protect(g => g.Returnees, h => h.Returnees = true);
        Protect(g => g.Surveyed, h => h.Surveyed = true);
        foreach (var dimension in Dimension.WithComposite) Protect(g => g.Get(dimension).Count, h => h.Dimensions.Add(dimension));
        Protect(g => g.Improvement.Count, h => h.Improvement = true);
        // Follow-up totals walk every return date: once per group, not once per relation.
        var followUp = new Dictionary<GroupStats, FollowUpTotals>(ReferenceEqualityComparer.Instance) { [total] = total.FollowUpOn(today) };
        foreach (var group in groups) followUp.TryAdd(group, group.FollowUpOn(today));
        Protect(g => followUp[g].Due, h => h.Coverage = true);
        Protect(g => followUp[g].Covered, h => h.Coverage = true);
        return hidden;
    }

    private static ComparisonRow Row(string country, string region, string? group, GroupStats stats, double? structuralIndex,
        DateOnly today, int minimumCellSize, HiddenFigures hidden)
    {
        var cells = new CellSuppression(minimumCellSize);
        var figures = HeadlineFigures.Of(stats, today, cells);
        var suppressed = new MeanCell(null, null, Suppressed: true);
        var scores = figures.Scores.ToDictionary(s => s.Key, s => hidden.Dimensions.Contains(s.Key) ? suppressed : s.Value);
        return new ComparisonRow(
            country, region, group,
            hidden.Returnees ? null : figures.Returnees,
            hidden.Surveyed ? null : figures.Surveyed,
            scores,
            hidden.Dimensions.Contains(Dimension.Composite) ? null : figures.SustainableShare,
            hidden.Improvement ? suppressed : figures.Improvement,
            hidden.Coverage ? null : figures.FollowUpCoverage,
            figures.RemigrationNecessityShare,
            structuralIndex,
            cells.AnySuppressed || hidden.Returnees || hidden.Surveyed || hidden.Dimensions.Count > 0 || hidden.Improvement
            || hidden.Coverage);
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
