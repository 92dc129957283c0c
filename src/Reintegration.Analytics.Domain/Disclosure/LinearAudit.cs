namespace Reintegration.Analytics.Domain.Disclosure;

/// <summary>
/// Finds hidden cells that the shown ones determine through several relations at once (a region's sex breakdown,
/// its countries' totals and their own breakdowns can pin a cell that no single relation reveals). The shown values
/// move to the right-hand side, so what remains is a linear system over the hidden cells; a hidden cell is determined
/// exactly when its unit vector lies in the row space of that system: its column has a pivot in the reduced row
/// echelon form and the pivot's row has nothing in the free columns. Hidden cells that share no relation are solved
/// apart (connected components), which keeps each elimination small.
/// </summary>
public static class LinearAudit
{
    private const double Tolerance = 1e-9;

    /// <summary>The hidden cells (with returnees) whose value the relations and the shown cells determine.</summary>
    public static IReadOnlyList<ProtectedCell> Determined(IReadOnlyList<(ProtectedCell Total, IReadOnlyList<ProtectedCell> Parts)> relations)
    {
        // Only hidden cells with returnees are unknowns: zero is shown, so it is known to be zero.
        var unknowns = new Dictionary<ProtectedCell, int>(ReferenceEqualityComparer.Instance);
        var equations = new List<List<(int Unknown, double Coefficient)>>();
        foreach (var (total, parts) in relations)
        {
            var equation = new List<(int, double)>();
            foreach (var (cell, coefficient) in parts.Select(p => (p, -1.0)).Prepend((total, 1.0)))
            {
                if (!cell.Hidden || cell.N == 0) continue;
                if (!unknowns.TryGetValue(cell, out var index)) unknowns[cell] = index = unknowns.Count;
                equation.Add((index, coefficient));
            }
            if (equation.Count > 0) equations.Add(equation);
        }
        var cells = unknowns.OrderBy(u => u.Value).Select(u => u.Key).ToArray();
        var determined = new List<ProtectedCell>();
        foreach (var component in Components(cells.Length, equations))
            foreach (var unknown in DeterminedIn(component.Unknowns, component.Equations))
                determined.Add(cells[unknown]);
        return determined;
    }

    private static IEnumerable<(int[] Unknowns, List<List<(int Unknown, double Coefficient)>> Equations)> Components(
        int count, List<List<(int Unknown, double Coefficient)>> equations)
    {
        var parent = Enumerable.Range(0, count).ToArray();
        int Find(int x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        foreach (var equation in equations)
            foreach (var (unknown, _) in equation.Skip(1))
                parent[Find(unknown)] = Find(equation[0].Unknown);
        var unknownsByRoot = Enumerable.Range(0, count).GroupBy(Find).ToDictionary(g => g.Key, g => g.ToArray());
        foreach (var group in equations.GroupBy(e => Find(e[0].Unknown)))
            yield return (unknownsByRoot[group.Key], group.ToList());
    }

    private static IEnumerable<int> DeterminedIn(int[] unknowns, List<List<(int Unknown, double Coefficient)>> equations)
    {
        var column = unknowns.Select((u, i) => (u, i)).ToDictionary(p => p.u, p => p.i);
        var rows = equations.Select(e =>
        {
            var row = new double[unknowns.Length];
            foreach (var (unknown, coefficient) in e) row[column[unknown]] += coefficient;
            return row;
        }).ToList();

        // Reduced row echelon form.
        var pivotOf = new int[unknowns.Length];
        Array.Fill(pivotOf, -1);
        var rank = 0;
        for (var c = 0; c < unknowns.Length && rank < rows.Count; c++)
        {
            var best = rank;
            for (var r = rank + 1; r < rows.Count; r++)
                if (Math.Abs(rows[r][c]) > Math.Abs(rows[best][c])) best = r;
            if (Math.Abs(rows[best][c]) < Tolerance) continue;
            (rows[rank], rows[best]) = (rows[best], rows[rank]);
            var pivot = rows[rank];
            var scale = pivot[c];
            for (var k = 0; k < pivot.Length; k++) pivot[k] /= scale;
            for (var r = 0; r < rows.Count; r++)
            {
                if (r == rank || Math.Abs(rows[r][c]) < Tolerance) continue;
                var factor = rows[r][c];
                var row = rows[r];
                for (var k = 0; k < row.Length; k++) row[k] -= factor * pivot[k];
            }
            pivotOf[c] = rank++;
        }

        for (var c = 0; c < unknowns.Length; c++)
        {
            if (pivotOf[c] < 0) continue;
            var row = rows[pivotOf[c]];
            var alone = true;
            for (var k = 0; k < row.Length && alone; k++)
                if (k != c && pivotOf[k] < 0 && Math.Abs(row[k]) > Tolerance) alone = false;
            if (alone) yield return unknowns[c];
        }
    }
}
