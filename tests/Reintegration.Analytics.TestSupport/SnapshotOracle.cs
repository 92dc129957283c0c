using Reintegration.Analytics.Domain.Snapshots;
using Xunit;

namespace Reintegration.Analytics.TestSupport;

/// <summary>
/// Reads a snapshot's tidy table as an attacker would, from its rows alone: no figure over 1..k−1 returnees is
/// shown, and no hidden row can be recovered from the shown ones of the same table: no relation (groups of a unit,
/// communities of a country, countries of a region, regions of the globe, follow-up statuses of due, due and recent
/// returns of a community's count) has exactly one hidden row (zero is always shown, so a hidden row is not zero),
/// no hidden row is determined by the relations together (a rank test), no hidden count is pinned between a shown
/// subset and superset of equal size, and no row shows what another hides (the n of a hidden mean, the terms of a
/// hidden share).
/// </summary>
public static class SnapshotOracle
{
    /// <summary>Indicators that are not sums over returnees (assessment indices and a rate over population).</summary>
    public static readonly HashSet<string> NotAdditive =
        ["services_index", "cohesion_index", "joint_participation_share", "return_pressure", "structural_index"];

    /// <summary>Rows whose figure is a ratio of two other rows' counts: protected by being shown only with both.</summary>
    private static readonly HashSet<string> Derived = ["followup_coverage", "plan_completion_rate"];

    public static void AssertProtected(IReadOnlyList<SnapshotRow> rows, int k)
    {
        foreach (var row in rows.Where(r => !r.Suppressed))
            Assert.False(row.N is > 0 && row.N < k, $"{row.UnitCode} {row.Indicator} {row.Group}: n = {row.N} is shown (k = {k})");

        var relations = Relations(rows).ToList();
        foreach (var (total, parts, what) in relations)
        {
            Assert.False(parts.Count(p => p.Suppressed) + (total.Suppressed ? 1 : 0) == 1,
                $"{total.UnitCode} {total.Indicator} {total.Group}: one hidden row among {what} is recoverable");
            // A hidden part holds at least one returnee (or record): if the shown total exceeds the shown parts by the number
            // of hidden parts, each of them is one. Assistance types overlap in returnees, so there records are counted;
            // an amount may be zero.
            var hidden = parts.Count(p => p.Suppressed);
            double Units(SnapshotRow r) => r.Indicator == "assistance_records" ? r.Value ?? 0 : r.N ?? 0;
            if (!total.Suppressed && hidden > 0 && total.Indicator != "assistance_usd"
                && !(total.Indicator == "returnees_assisted" && parts.Any(p => p.Group != "total")))
                Assert.False(Units(total) - parts.Where(p => !p.Suppressed).Sum(Units) == hidden,
                    $"{total.UnitCode} {total.Indicator} {total.Group}: the {hidden} hidden rows among {what} can only be 1 each");
        }
        var determined = DeterminedTogether(relations);
        Assert.True(determined.Count == 0, "hidden rows determined by the relations together: "
            + string.Join("; ", determined.Take(5).Select(r => $"{r.Level} {r.UnitCode} {r.Indicator} {r.Group}")));

        foreach (var unit in rows.GroupBy(r => (r.Level, r.UnitCode)))
        {
            var cells = unit.ToDictionary(r => (r.Indicator, r.Group));
            // A row must not show what another hides: the same n, or the terms of a share.
            foreach (var share in unit.Where(r => r.Indicator == "sustainable_share"))
                Assert.Equal(share.Suppressed, cells[("score_composite_mean", share.Group)].Suppressed);
            Assert.Equal(cells[("returnees_assisted", "total")].Suppressed, cells[("assistance_records", "total")].Suppressed);
            foreach (var (rate, numerator, denominator) in new[] { ("followup_coverage", "followup_covered", "followup_due"),
                         ("plan_completion_rate", "plan_assistance_completed", "plan_eligible") })
                Assert.False(!cells[(rate, "total")].Suppressed
                    && (cells[(numerator, "total")].Suppressed || cells[(denominator, "total")].Suppressed),
                    $"{unit.Key.UnitCode}: {rate} shown without its terms");
            // A hidden count must not be pinned between a shown subset and a shown superset of the same size.
            var bounds = Bounds(cells).ToList();
            foreach (var hidden in bounds.SelectMany(b => new[] { b.Subset, b.Superset }).Where(r => r.Suppressed).Distinct())
            {
                var below = bounds.Where(b => b.Superset == hidden && !b.Subset.Suppressed)
                    .Select(b => b.Subset.N ?? 0).DefaultIfEmpty(-1).Max();
                var above = bounds.Where(b => b.Subset == hidden && !b.Superset.Suppressed)
                    .Select(b => b.Superset.N ?? 0).DefaultIfEmpty(-2).Min();
                Assert.False(below == above,
                    $"{unit.Key.UnitCode} {hidden.Indicator} {hidden.Group}: pinned at {below} by the rows around it");
            }
        }
    }

    /// <summary>Every additive relation the rows show: a total and its parts, with what they are.</summary>
    public static IEnumerable<(SnapshotRow Total, IReadOnlyList<SnapshotRow> Parts, string What)> Relations(IReadOnlyList<SnapshotRow> rows)
    {
        foreach (var (parent, children) in Hierarchy(rows).Where(h => !Derived.Contains(h.Parent.Indicator)))
            yield return (parent, children, "its children");
        foreach (var unit in rows.GroupBy(r => (r.Level, r.UnitCode)))
        {
            var cells = unit.ToDictionary(r => (r.Indicator, r.Group));
            var totals = unit.Where(r => r.Group == "total" && !NotAdditive.Contains(r.Indicator) && !Derived.Contains(r.Indicator));
            foreach (var total in totals)
                foreach (var dimension in unit.Where(r => r.Indicator == total.Indicator && r.Group != "total")
                             .GroupBy(r => r.Group[..r.Group.IndexOf(':')]))
                    yield return (total, dimension.ToList(), dimension.Key);
            // Due is covered + overdue + missed + the open returnees on day 365 exactly, which no row shows: the relation is
            // exact when the open count is shown as zero.
            if (cells[("followup_open", "total")] is { Suppressed: false, Value: 0 })
                yield return (cells[("followup_due", "total")], [cells[("followup_covered", "total")], cells[("followup_overdue", "total")],
                    cells[("followup_missed", "total")]], "follow-up");
            // Every returnee is due or returned in the last 365 days, which a community's return pressure counts.
            if (cells.TryGetValue(("return_pressure", "total"), out var pressure) && (pressure.Suppressed || pressure.N is not null))
                yield return (cells[("returnees", "total")], [cells[("followup_due", "total")], pressure], "due and recent returns");
        }
    }

    /// <summary>Pairs of rows where the first counts a subset of the second's returnees (every pair of each chain).</summary>
    private static IEnumerable<(SnapshotRow Subset, SnapshotRow Superset)> Bounds(Dictionary<(string, string), SnapshotRow> cells)
    {
        SnapshotRow Total(string indicator) => cells[(indicator, "total")];
        IEnumerable<(SnapshotRow, SnapshotRow)> Chain(params string[] indicators) =>
            indicators.SelectMany((subset, i) => indicators.Take(i).Select(superset => (Total(subset), Total(superset))));
        foreach (var ((indicator, group), row) in cells.Where(c => c.Key.Item1.StartsWith("score_", StringComparison.Ordinal)))
        {
            if (cells.TryGetValue(("returnees", group), out var returnees)) yield return (row, returnees);
            if (group == "total") yield return (row, Total("surveyed"));
        }
        foreach (var pair in Chain("returnees", "surveyed", "score_composite_mean", "improvement_mean")
                     .Concat(Chain("returnees", "surveyed", "remigration_necessity_share"))
                     .Concat(Chain("returnees", "plan_eligible", "plan_developed", "plan_assistance_started", "plan_assistance_completed"))
                     .Concat(Chain("returnees", "plan_eligible", "plan_dropped_out"))
                     .Concat(Chain("returnees", "returnees_assisted")))
            yield return pair;
        foreach (var status in new[] { "followup_due", "followup_open", "followup_overdue", "followup_missed" })
            yield return (Total(status), Total("returnees"));
        foreach (var ((indicator, group), row) in cells.Where(c => c.Key.Item1 == "assistance_records" && c.Key.Item2 != "total"))
        {
            yield return (row, Total("returnees_assisted"));
            yield return (row, Total("returnees"));
        }
    }

    /// <summary>
    /// Hidden rows that the relations determine together: with the shown rows moved to the right-hand side, a hidden row
    /// is determined when it is zero in every vector of the null space of the system over the hidden rows (MathNet's SVD).
    /// </summary>
    private static List<SnapshotRow> DeterminedTogether(List<(SnapshotRow Total, IReadOnlyList<SnapshotRow> Parts, string What)> relations)
    {
        var equations = relations.Select(r => r.Parts.Select(p => (Row: p, Coefficient: -1.0)).Prepend((Row: r.Total, Coefficient: 1.0))
            .Where(t => t.Row.Suppressed).ToList()).Where(e => e.Count > 0).ToList();
        var hidden = equations.SelectMany(e => e.Select(t => t.Row)).Distinct().ToList();
        var index = hidden.Select((r, i) => (r, i)).ToDictionary(p => p.r, p => p.i);
        var parent = Enumerable.Range(0, hidden.Count).ToArray();
        int Find(int x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        foreach (var equation in equations)
            foreach (var term in equation.Skip(1)) parent[Find(index[term.Row])] = Find(index[equation[0].Row]);

        var determined = new List<SnapshotRow>();
        foreach (var component in equations.GroupBy(e => Find(index[e[0].Row])))
        {
            var columns = hidden.Where(r => Find(index[r]) == component.Key).ToList();
            var matrix = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(component.Count(), columns.Count);
            var row = 0;
            foreach (var equation in component)
            {
                foreach (var (r, coefficient) in equation) matrix[row, columns.IndexOf(r)] += coefficient;
                row++;
            }
            // x_c is determined exactly when every solution of A·x = 0 has x_c = 0.
            var kernel = matrix.Kernel();
            for (var c = 0; c < columns.Count; c++)
                if (kernel.All(v => Math.Abs(v[c]) < 1e-9)) determined.Add(columns[c]);
        }
        return determined;
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
