using Reintegration.Analytics.Domain.Snapshots;
using Xunit;

namespace Reintegration.Analytics.TestSupport;

/// <summary>
/// Reads a snapshot's tidy table as an attacker would, from its rows alone: no figure over 1..k−1 returnees is
/// shown, and no hidden row can be recovered from the shown ones of the same table: a total and its parts (groups
/// of a unit, communities of a country, countries of a region, regions of the globe, follow-up statuses of due)
/// never have exactly one hidden row (zero is always shown, so a hidden row is not zero), and no row shows what
/// another hides (the n of a hidden mean, the terms of a hidden share).
/// </summary>
public static class SnapshotOracle
{
    /// <summary>Indicators that are not sums over returnees (assessment indices and a rate over population).</summary>
    public static readonly HashSet<string> NotAdditive =
        ["services_index", "cohesion_index", "joint_participation_share", "return_pressure", "structural_index"];

    public static void AssertProtected(IReadOnlyList<SnapshotRow> rows, int k)
    {
        foreach (var row in rows.Where(r => !r.Suppressed))
            Assert.False(row.N is > 0 && row.N < k, $"{row.UnitCode} {row.Indicator} {row.Group}: n = {row.N} is shown (k = {k})");

        void NotOneHidden(SnapshotRow total, IReadOnlyList<SnapshotRow> parts, string what) =>
            Assert.False(parts.Count(p => p.Suppressed) + (total.Suppressed ? 1 : 0) == 1,
                $"{total.UnitCode} {total.Indicator} {total.Group}: one hidden row among {what} is recoverable");

        foreach (var (parent, children) in Hierarchy(rows)) NotOneHidden(parent, children, "its children");
        var byUnit = rows.GroupBy(r => (r.Level, r.UnitCode));
        foreach (var unit in byUnit)
        {
            var cells = unit.ToDictionary(r => (r.Indicator, r.Group));
            foreach (var total in unit.Where(r => r.Group == "total" && !NotAdditive.Contains(r.Indicator)))
                foreach (var dimension in unit.Where(r => r.Indicator == total.Indicator && r.Group != "total")
                             .GroupBy(r => r.Group[..r.Group.IndexOf(':')]))
                    NotOneHidden(total, dimension.ToList(), dimension.Key);
            // Due is covered + overdue + missed + the open returnees on day 365 exactly, which no row shows: a hidden due
            // is recoverable only if the open count is shown as zero.
            var (due, open) = (cells[("followup_due", "total")], cells[("followup_open", "total")]);
            if (!due.Suppressed || open.Value == 0)
                NotOneHidden(due, [cells[("followup_covered", "total")], cells[("followup_overdue", "total")],
                    cells[("followup_missed", "total")]], "follow-up");

            // A row must not show what another hides: the same n, or the terms of a share.
            foreach (var share in unit.Where(r => r.Indicator == "sustainable_share"))
                Assert.Equal(share.Suppressed, cells[("score_composite_mean", share.Group)].Suppressed);
            Assert.Equal(cells[("returnees_assisted", "total")].Suppressed, cells[("assistance_records", "total")].Suppressed);
            foreach (var (rate, numerator, denominator) in new[] { ("followup_coverage", "followup_covered", "followup_due"),
                         ("plan_completion_rate", "plan_assistance_completed", "plan_eligible") })
                Assert.False(!cells[(rate, "total")].Suppressed && (cells[(numerator, "total")].Suppressed || cells[(denominator, "total")].Suppressed),
                    $"{unit.Key.UnitCode}: {rate} shown without its terms");
        }
    }

    /// <summary>Each additive row of a parent with the rows of the same indicator and group of its children.</summary>
    public static IEnumerable<(SnapshotRow Parent, IReadOnlyList<SnapshotRow> Children)> Hierarchy(IReadOnlyList<SnapshotRow> rows)
    {
        var additive = rows.Where(r => !NotAdditive.Contains(r.Indicator)).ToList();
        var lookup = additive.ToLookup(r => (r.Level, r.Indicator, r.Group));
        foreach (var parent in additive)
        {
            var children = parent.Level switch
            {
                "country" => lookup[("community", parent.Indicator, parent.Group)].Where(c => c.Country == parent.UnitCode),
                "region" => lookup[("country", parent.Indicator, parent.Group)].Where(c => c.Region == parent.UnitCode),
                "global" => lookup[("region", parent.Indicator, parent.Group)],
                _ => [],
            };
            var list = children.ToList();
            if (list.Count > 0) yield return (parent, list);
        }
    }
}
