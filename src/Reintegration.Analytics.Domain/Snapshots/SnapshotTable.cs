using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Disclosure;
using Reintegration.Analytics.Domain.Indicators;
using Reintegration.Analytics.Domain.Reference;

namespace Reintegration.Analytics.Domain.Snapshots;

/// <summary>
/// Builds a snapshot's tidy table (SPEC §3.1) from what its countries held at one moment. Every parent is the
/// merge of the children in the same table, so a country's numerators and denominators are exactly the sums
/// of its communities'. Disclosure control runs before any row is written: primary suppression below k, then
/// complementary suppression family by family, top down (<see cref="TopDownProtection"/>), over every relation
/// of the family (groups against their total, the children against their parent), so no hidden figure is the
/// difference of shown ones, and the live documents of the same data hide the same cells.
/// Rows come in <see cref="SnapshotRowOrder"/>: by level (global first), unit code, indicator, group.
/// </summary>
public static class SnapshotTable
{
    public const string GlobalCode = "global";

    /// <param name="countries">
    /// Every country of the programme with its communities: protection starts from the globe whatever the scope.
    /// </param>
    /// <param name="scope">The units that get rows.</param>
    public static IReadOnlyList<SnapshotRow> Build(
        IReadOnlyList<SnapshotCountry> countries, SnapshotScope scope, DateOnly today, int minimumCellSize)
    {
        var families = new List<(UnitCells Parent, List<UnitCells> Children)>();
        var countryUnits = new List<(UnitCells Unit, AggregateSummary Summary, string Region)>();

        foreach (var country in countries.OrderBy(c => c.Country, StringComparer.Ordinal))
        {
            var communities = new List<UnitCells>();
            // Sums in one fixed order, so the same data always give the same bits (and a diff shows no rounding noise).
            var reports = country.Communities.OrderBy(r => r.CommunityId, StringComparer.Ordinal).ToList();
            foreach (var report in reports)
            {
                var community = new UnitCells(IndicatorCodebook.Community, report.CommunityId, report.Profile.Name, country.Country,
                    country.Region, minimumCellSize);
                community.AddFigures(report.Summary, today, disaggregated: false);
                community.AddCommunityIndices(report, today);
                communities.Add(community);
            }
            var summary = AggregateSummary.MergeAll(reports.Select(r => r.Summary));
            var unit = new UnitCells(IndicatorCodebook.Country, country.Country, Countries.Find(country.Country)?.Name ?? country.Country,
                country.Country, country.Region, minimumCellSize);
            unit.AddFigures(summary, today, disaggregated: true);
            unit.Index("structural_index", country.Assessment?.StructuralIndex);
            families.Add((unit, communities));
            countryUnits.Add((unit, summary, country.Region));
        }

        var regionUnits = new List<(UnitCells Unit, AggregateSummary Summary)>();
        foreach (var region in countryUnits.GroupBy(c => c.Region).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var summary = AggregateSummary.MergeAll(region.Select(c => c.Summary));
            var unit = new UnitCells(IndicatorCodebook.Region, region.Key, region.Key, null, region.Key, minimumCellSize);
            unit.AddFigures(summary, today, disaggregated: true);
            families.Add((unit, region.Select(c => c.Unit).ToList()));
            regionUnits.Add((unit, summary));
        }
        var global = new UnitCells(IndicatorCodebook.Global, GlobalCode, "Global", null, null, minimumCellSize);
        global.AddFigures(AggregateSummary.MergeAll(regionUnits.Select(r => r.Summary)), today, disaggregated: true);
        families.Add((global, regionUnits.Select(r => r.Unit).ToList()));

        // Families were listed bottom up: communities' countries first, the globe last.
        foreach (var (parent, children) in families) TopDownProtection.HideUnprotectable(parent, children);
        for (var i = families.Count - 1; i >= 0; i--)
            TopDownProtection.ProtectFamily(families[i].Parent, families[i].Children, root: families[i].Parent == global);

        var units = new List<UnitCells>();
        if (scope.WithGlobal) units.Add(global);
        if (scope.WithRegions) units.AddRange(regionUnits.Select(r => r.Unit).Where(r => scope.Covers(null, r.Code)));
        foreach (var (country, communities) in families.Where(f => f.Parent.Level == IndicatorCodebook.Country))
        {
            if (!scope.Covers(country.Code, country.Region!)) continue;
            units.Add(country);
            units.AddRange(communities);
        }
        return units.SelectMany(u => u.Render()).Order(SnapshotRowOrder.Instance).ToList();
    }
}
