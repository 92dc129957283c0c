using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Disclosure;
using Reintegration.Analytics.Domain.Indicators;
using Reintegration.Analytics.Domain.Reference;

namespace Reintegration.Analytics.Domain.Snapshots;

/// <summary>
/// Builds a snapshot's tidy table (SPEC §3.1) from what its countries held at one moment. Every parent is the
/// merge of the children in the same table, so a country's numerators and denominators are exactly the sums
/// of its communities'. Disclosure control runs over the whole table before any row is written: primary
/// suppression below k, then complementary suppression over every relation of the table at once (groups
/// against their total, communities against their country, countries against their region, regions against
/// the globe), so no hidden figure is the difference of shown ones anywhere in the same table.
/// Rows come in <see cref="SnapshotRowOrder"/>: by level (global first), unit code, indicator, group.
/// </summary>
public static class SnapshotTable
{
    public const string GlobalCode = "global";

    /// <param name="countries">The countries of the snapshot with their communities.</param>
    /// <param name="withRegions">Whether the table has region rows (every country of each region must then be given).</param>
    /// <param name="withGlobal">Whether the table has the global row (every country must then be given).</param>
    public static IReadOnlyList<SnapshotRow> Build(
        IReadOnlyList<SnapshotCountry> countries, bool withRegions, bool withGlobal, DateOnly today, int minimumCellSize)
    {
        var suppression = new CellSuppression(minimumCellSize);
        var relations = new AdditiveRelations();
        var units = new List<UnitCells>();
        var communityUnits = new List<UnitCells>();
        var countryUnits = new List<(UnitCells Unit, AggregateSummary Summary, string Region)>();

        foreach (var country in countries.OrderBy(c => c.Country, StringComparer.Ordinal))
        {
            var communities = new List<UnitCells>();
            // Sums in one fixed order, so the same data always give the same bits (and a diff shows no rounding noise).
            var reports = country.Communities.OrderBy(r => r.CommunityId, StringComparer.Ordinal).ToList();
            foreach (var report in reports)
            {
                var community = new UnitCells(IndicatorCodebook.Community, report.CommunityId, report.Profile.Name, country.Country,
                    country.Region, suppression);
                community.AddFigures(report.Summary, today, disaggregated: false, relations);
                community.AddCommunityIndices(report, today);
                communities.Add(community);
            }
            var summary = AggregateSummary.MergeAll(reports.Select(r => r.Summary));
            var unit = new UnitCells(IndicatorCodebook.Country, country.Country, Countries.Find(country.Country)?.Name ?? country.Country,
                country.Country, country.Region, suppression);
            unit.AddFigures(summary, today, disaggregated: true, relations);
            unit.Index("structural_index", country.Assessment?.StructuralIndex);
            Relate(relations, unit, communities);
            countryUnits.Add((unit, summary, country.Region));
            units.Add(unit);
            communityUnits.AddRange(communities);
        }

        if (withRegions || withGlobal)
        {
            var regionUnits = new List<(UnitCells Unit, AggregateSummary Summary)>();
            foreach (var region in countryUnits.GroupBy(c => c.Region).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var summary = AggregateSummary.MergeAll(region.Select(c => c.Summary));
                var unit = new UnitCells(IndicatorCodebook.Region, region.Key, region.Key, null, region.Key, suppression);
                unit.AddFigures(summary, today, disaggregated: true, relations);
                Relate(relations, unit, region.Select(c => c.Unit).ToList());
                regionUnits.Add((unit, summary));
            }
            if (withGlobal)
            {
                var global = new UnitCells(IndicatorCodebook.Global, GlobalCode, "Global", null, null, suppression);
                global.AddFigures(AggregateSummary.MergeAll(regionUnits.Select(r => r.Summary)), today, disaggregated: true, relations);
                Relate(relations, global, regionUnits.Select(r => r.Unit).ToList());
                units.Insert(0, global);
            }
            if (withRegions) units.InsertRange(withGlobal ? 1 : 0, regionUnits.Select(r => r.Unit));
        }

        units.AddRange(communityUnits.OrderBy(c => c.Code, StringComparer.Ordinal));
        relations.Protect();
        return units.SelectMany(u => u.Render()).Order(SnapshotRowOrder.Instance).ToList();
    }

    /// <summary>Each cell of a parent is the sum of its children's cells of the same figure and group.</summary>
    private static void Relate(AdditiveRelations relations, UnitCells parent, IReadOnlyList<UnitCells> children)
    {
        foreach (var (key, cell) in parent.Cells)
            relations.Add(cell, children.Select(c => c.Cells.GetValueOrDefault(key)).OfType<ProtectedCell>().ToList());
    }
}
