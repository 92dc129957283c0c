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
        IReadOnlyList<(ProtectedCell Total, IReadOnlyList<ProtectedCell> Parts)> relations) => Reduce(relations).Determined();

    /// <summary>An additive relation as a linear one: the total minus its parts is zero.</summary>
    public static IEnumerable<(ProtectedCell Cell, double Coefficient)> Terms(
        (ProtectedCell Total, IReadOnlyList<ProtectedCell> Parts) relation) =>
        relation.Parts.Select(p => (p, -1.0)).Prepend((relation.Total, 1.0));

    /// <summary>The reduced row echelon form of additive relations (see the overload for linear ones).</summary>
    public static Echelon Reduce(IReadOnlyList<(ProtectedCell Total, IReadOnlyList<ProtectedCell> Parts)> relations,
        Func<ProtectedCell, bool>? unknown = null) => Reduce(relations.Select(Terms), unknown);

    /// <summary>The reduced row echelon form of linear relations (each a sum of cells times coefficients that is zero) over
    /// their hidden cells (with returnees).</summary>
    /// <param name="unknown">
    /// Which cells with returnees are unknown instead of the hidden ones: hidden ones and others too, to learn what would stay
    /// determined however many more were hidden (<see cref="Echelon.Determined"/> then lists shown cells too, and
    /// <see cref="Echelon.Freedom"/>, which counts hidden cells, means little).
    /// </param>
    public static Echelon Reduce(IEnumerable<IEnumerable<(ProtectedCell Cell, double Coefficient)>> relations,
        Func<ProtectedCell, bool>? unknown = null)
    {
        // Only cells with returnees are unknowns (hidden ones, unless asked otherwise): zero is shown, so it is known to be zero.
        unknown ??= c => c.Hidden;
        var unknowns = new Dictionary<ProtectedCell, int>(ReferenceEqualityComparer.Instance);
        var equations = new List<List<(int Unknown, double Coefficient)>>();
        foreach (var terms in relations)
        {
            var equation = new List<(int, double)>();
            foreach (var (cell, coefficient) in terms)
            {
                if (cell.N == 0 || !unknown(cell)) continue;
                if (!unknowns.TryGetValue(cell, out var index)) unknowns[cell] = index = unknowns.Count;
                equation.Add((index, coefficient));
            }
            if (equation.Count > 0) equations.Add(equation);
        }
        var pivotRows = new Dictionary<int, Dictionary<int, double>>();
        foreach (var component in Components(unknowns.Count, equations))
            foreach (var (pivot, row) in ReduceComponent(component.Equations)) pivotRows[pivot] = row;
        return new Echelon(unknowns, pivotRows, unknown);
    }

    /// <summary>
    /// A system in reduced row echelon form: each pivot row holds its pivot and free columns only. Its null space (every
    /// way the hidden cells can change together while all relations still hold) has one vector per free column.
    /// </summary>
    public sealed class Echelon(
        Dictionary<ProtectedCell, int> unknowns, Dictionary<int, Dictionary<int, double>> pivotRows, Func<ProtectedCell, bool> unknown)
    {
        /// <summary>The unknown (hidden) cells no change can move: a pivot row with nothing in the free columns.</summary>
        public IReadOnlyList<ProtectedCell> Determined()
        {
            var cells = unknowns.OrderBy(u => u.Value).Select(u => u.Key).ToArray();
            return pivotRows.Where(p => p.Value.Count == 1).Select(p => p.Key).Order().Select(i => cells[i]).ToList();
        }

        /// <summary>
        /// A basis of the null space: one vector per free unknown (1 there, minus its coefficient in each pivot row that holds
        /// it). Unknowns in no relation are not among them; each is a basis vector of its own.
        /// </summary>
        public IEnumerable<Dictionary<ProtectedCell, double>> NullVectors()
        {
            var cells = unknowns.OrderBy(u => u.Value).Select(u => u.Key).ToArray();
            var pivotsHolding = new Dictionary<int, List<(int Pivot, double Coefficient)>>();
            foreach (var (pivot, row) in pivotRows)
                foreach (var (column, coefficient) in row.Where(e => e.Key != pivot))
                    (pivotsHolding.TryGetValue(column, out var list) ? list : pivotsHolding[column] = []).Add((pivot, coefficient));
            for (var free = 0; free < cells.Length; free++)
            {
                if (pivotRows.ContainsKey(free)) continue;
                var vector = new Dictionary<ProtectedCell, double>(ReferenceEqualityComparer.Instance) { [cells[free]] = 1 };
                foreach (var (pivot, coefficient) in pivotsHolding.GetValueOrDefault(free) ?? []) vector[cells[pivot]] = -coefficient;
                yield return vector;
            }
        }

        /// <summary>Whether the cell is an unknown of some relation.</summary>
        public bool Ties(ProtectedCell cell) => unknowns.ContainsKey(cell);

        /// <summary>
        /// How many independent ways the given hidden cells can move (the rank of the null space restricted to them). Cells
        /// of one unit that only their own relations tie have as many as those relations leave; fewer means other relations
        /// tell something about them (a sum or difference) that the unit's own figures do not.
        /// </summary>
        public int Freedom(IEnumerable<ProtectedCell> cells)
        {
            var hidden = cells.Where(c => c.N > 0 && unknown(c))
                .Distinct(ReferenceEqualityComparer.Instance).Cast<ProtectedCell>().ToList();
            var (tied, untied) = (hidden.Where(unknowns.ContainsKey).ToList(), hidden.Count(c => !unknowns.ContainsKey(c)));
            var columns = tied.Select(c => unknowns[c]).ToList();
            // Null vector of free column f: 1 at f, −row[f] at each pivot whose row holds f.
            var vectors = new Dictionary<int, double[]>();
            double[] Vector(int free) => vectors.TryGetValue(free, out var v) ? v : vectors[free] = new double[columns.Count];
            for (var j = 0; j < columns.Count; j++)
            {
                if (pivotRows.TryGetValue(columns[j], out var row))
                {
                    foreach (var (free, coefficient) in row)
                        if (free != columns[j]) Vector(free)[j] = -coefficient;
                }
                else Vector(columns[j])[j] = 1;
            }
            // A hidden cell in no relation can be anything.
            return untied + Rank(vectors.Values.ToList(), columns.Count);
        }

        private static int Rank(List<double[]> rows, int width)
        {
            var rank = 0;
            for (var column = 0; column < width && rank < rows.Count; column++)
            {
                var pivot = Enumerable.Range(rank, rows.Count - rank).Where(r => Math.Abs(rows[r][column]) > Tolerance)
                    .OrderByDescending(r => Math.Abs(rows[r][column])).FirstOrDefault(-1);
                if (pivot < 0) continue;
                (rows[rank], rows[pivot]) = (rows[pivot], rows[rank]);
                for (var r = rank + 1; r < rows.Count; r++)
                {
                    var factor = rows[r][column] / rows[rank][column];
                    if (factor == 0) continue;
                    for (var c = column; c < width; c++) rows[r][c] -= factor * rows[rank][c];
                }
                rank++;
            }
            return rank;
        }
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
    private static Dictionary<int, Dictionary<int, double>> ReduceComponent(List<List<(int Unknown, double Coefficient)>> equations)
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
        return pivotRows;
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
