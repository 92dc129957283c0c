namespace Reintegration.Analytics.Domain.Disclosure;

/// <summary>
/// Finds hidden cells that the shown ones determine through several relations at once (a region's sex breakdown,
/// its countries' totals and their own breakdowns can pin a cell that no single relation reveals). The shown values
/// move to the right-hand side, so what remains is a linear system over the hidden cells; a hidden cell is determined
/// exactly when its unit vector lies in the row space of that system: its column has a pivot in the reduced row
/// echelon form and the pivot's row has nothing in the free columns. Hidden cells that share no relation are solved
/// apart (connected components), and the elimination is sparse (a country's relation has a term per community, a
/// community's own relations a few).
/// </summary>
public static class LinearAudit
{
    private const double Tolerance = 1e-9;

    /// <summary>The hidden cells (with returnees) whose value the relations and the shown cells determine.</summary>
    public static IReadOnlyList<ProtectedCell> Determined(
        IReadOnlyList<(ProtectedCell Total, IReadOnlyList<ProtectedCell> Parts)> relations)
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

    /// <summary>
    /// Sparse reduced row echelon form: equations are reduced one by one (the short ones first, which keeps fill-in low)
    /// against the pivot rows so far, and each new pivot is removed from the earlier pivot rows, so every pivot row holds
    /// its pivot and free columns only. A pivot row with nothing else names a determined unknown.
    /// </summary>
    private static IEnumerable<int> DeterminedIn(int[] unknowns, List<List<(int Unknown, double Coefficient)>> equations)
    {
        var pivotRows = new Dictionary<int, Dictionary<int, double>>();
        var rowsWithColumn = new Dictionary<int, HashSet<int>>();
        foreach (var equation in equations.OrderBy(e => e.Count))
        {
            var row = new Dictionary<int, double>();
            foreach (var (unknown, coefficient) in equation) row[unknown] = row.GetValueOrDefault(unknown) + coefficient;
            foreach (var column in row.Keys.Where(pivotRows.ContainsKey).ToList())
                if (row.TryGetValue(column, out var factor)) Subtract(row, pivotRows[column], factor);
            Prune(row);
            if (row.Count == 0) continue;

            var pivot = row.MaxBy(e => Math.Abs(e.Value)).Key;
            var scale = row[pivot];
            foreach (var column in row.Keys.ToList()) row[column] /= scale;
            foreach (var other in rowsWithColumn.GetValueOrDefault(pivot)?.ToList() ?? [])
            {
                var otherRow = pivotRows[other];
                var before = otherRow.Keys.ToList();
                Subtract(otherRow, row, otherRow[pivot]);
                Prune(otherRow);
                foreach (var column in before.Where(c => !otherRow.ContainsKey(c))) rowsWithColumn[column].Remove(other);
                foreach (var column in otherRow.Keys) Index(rowsWithColumn, column, other);
            }
            pivotRows[pivot] = row;
            foreach (var column in row.Keys) Index(rowsWithColumn, column, pivot);
        }
        return pivotRows.Where(p => p.Value.Count == 1).Select(p => p.Key).Order();
    }

    private static void Subtract(Dictionary<int, double> row, Dictionary<int, double> pivotRow, double factor)
    {
        foreach (var (column, value) in pivotRow) row[column] = row.GetValueOrDefault(column) - factor * value;
    }

    private static void Prune(Dictionary<int, double> row)
    {
        foreach (var column in row.Where(e => Math.Abs(e.Value) < Tolerance).Select(e => e.Key).ToList()) row.Remove(column);
    }

    private static void Index(Dictionary<int, HashSet<int>> rowsWithColumn, int column, int pivotRow)
    {
        if (!rowsWithColumn.TryGetValue(column, out var rows)) rowsWithColumn[column] = rows = [];
        rows.Add(pivotRow);
    }
}
