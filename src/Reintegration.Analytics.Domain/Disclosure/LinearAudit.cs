using System.Buffers;
using System.Runtime.InteropServices;

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
        var pivotRows = new Dictionary<int, Dictionary<int, double>>(Math.Min(unknowns.Count, equations.Count));
        foreach (var component in Components(unknowns.Count, equations))
            foreach (var (pivot, row) in ReduceComponent(component.Equations, component.UnknownCount)) pivotRows[pivot] = row;
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
            // The distinct hidden cells in the order given: a column each if a relation ties them. Many units are audited in every
            // round of a large family, so without LINQ.
            var seen = new HashSet<ProtectedCell>(ReferenceEqualityComparer.Instance);
            var columns = new List<int>();
            var untied = 0;
            foreach (var cell in cells)
            {
                if (cell.N == 0 || !unknown(cell) || !seen.Add(cell)) continue;
                if (unknowns.TryGetValue(cell, out var column)) columns.Add(column);
                else untied++;
            }
            // Null vector of free column f: 1 at f, −row[f] at each pivot whose row holds f. Rows of one pooled buffer, in the
            // order their free columns first appear: many units are audited in every round of a large family.
            var rowOf = new Dictionary<int, int>();
            for (var j = 0; j < columns.Count; j++)
            {
                if (pivotRows.TryGetValue(columns[j], out var row))
                {
                    foreach (var free in row.Keys)
                        if (free != columns[j]) rowOf.TryAdd(free, rowOf.Count);
                }
                else rowOf.TryAdd(columns[j], rowOf.Count);
            }
            var width = columns.Count;
            var vectors = ArrayPool<double>.Shared.Rent(Math.Max(1, rowOf.Count * width));
            try
            {
                Array.Clear(vectors, 0, rowOf.Count * width);
                for (var j = 0; j < columns.Count; j++)
                {
                    if (pivotRows.TryGetValue(columns[j], out var row))
                    {
                        foreach (var (free, coefficient) in row)
                            if (free != columns[j]) vectors[rowOf[free] * width + j] = -coefficient;
                    }
                    else vectors[rowOf[columns[j]] * width + j] = 1;
                }
                // A hidden cell in no relation can be anything.
                return untied + Rank(vectors, rowOf.Count, width);
            }
            finally
            {
                ArrayPool<double>.Shared.Return(vectors);
            }
        }

        /// <summary>The rank of <paramref name="count"/> rows of <paramref name="width"/> entries stored one after another.</summary>
        private static int Rank(double[] vectors, int count, int width)
        {
            var order = Enumerable.Range(0, count).ToArray();
            double At(int r, int c) => vectors[order[r] * width + c];
            var rank = 0;
            for (var column = 0; column < width && rank < count; column++)
            {
                // Partial pivoting: the largest entry, the first of equal ones.
                var pivot = -1;
                for (var r = rank; r < count; r++)
                    if (Math.Abs(At(r, column)) > Tolerance && (pivot < 0 || Math.Abs(At(r, column)) > Math.Abs(At(pivot, column))))
                        pivot = r;
                if (pivot < 0) continue;
                (order[rank], order[pivot]) = (order[pivot], order[rank]);
                var top = order[rank] * width;
                for (var r = rank + 1; r < count; r++)
                {
                    var at = order[r] * width;
                    var factor = vectors[at + column] / vectors[top + column];
                    if (factor == 0) continue;
                    for (var c = column; c < width; c++) vectors[at + c] -= factor * vectors[top + c];
                }
                rank++;
            }
            return rank;
        }
    }

    /// <summary>The equations of each connected component, in the order of their first equation, and its number of unknowns.</summary>
    private static List<(int UnknownCount, List<List<(int Unknown, double Coefficient)>> Equations)> Components(
        int count, List<List<(int Unknown, double Coefficient)>> equations)
    {
        var parent = new int[count];
        for (var i = 0; i < count; i++) parent[i] = i;
        int Find(int x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        foreach (var equation in equations)
            for (var t = 1; t < equation.Count; t++) parent[Find(equation[t].Unknown)] = Find(equation[0].Unknown);
        var unknownsOf = new int[count];
        for (var i = 0; i < count; i++) unknownsOf[Find(i)]++;
        var indexOf = new Dictionary<int, int>();
        var components = new List<(int UnknownCount, List<List<(int Unknown, double Coefficient)>> Equations)>();
        foreach (var equation in equations)
        {
            var root = Find(equation[0].Unknown);
            if (!indexOf.TryGetValue(root, out var index))
            {
                indexOf[root] = index = components.Count;
                components.Add((unknownsOf[root], []));
            }
            components[index].Equations.Add(equation);
        }
        return components;
    }

    /// <summary>
    /// Sparse reduced row echelon form: equations are reduced one by one (the short ones first, which keeps fill-in low)
    /// against the pivot rows so far, and each new pivot is removed from the earlier pivot rows, so every pivot row holds
    /// its pivot and free columns only. A pivot row with nothing else names a determined unknown.
    /// </summary>
    private static Dictionary<int, Dictionary<int, double>> ReduceComponent(
        List<List<(int Unknown, double Coefficient)>> equations, int unknownCount)
    {
        var pivotRows = new Dictionary<int, Dictionary<int, double>>(Math.Min(unknownCount, equations.Count));
        // The pivot rows that took each column, some of which may have lost it since (a list each, checked when used: exact
        // sets allocated several times as much in a large family's protection).
        var rowsWithColumn = new Dictionary<int, List<int>>(unknownCount);
        // Scratch lists of columns, reused: a large family reduces hundreds of thousands of rows.
        var (columns, gained, otherRows) = (new List<int>(), new List<int>(), new List<int>());
        foreach (var equation in equations.OrderBy(e => e.Count))
        {
            var row = new Dictionary<int, double>(equation.Count);
            foreach (var (unknown, coefficient) in equation) row[unknown] = row.GetValueOrDefault(unknown) + coefficient;
            columns.Clear();
            foreach (var column in row.Keys)
                if (pivotRows.ContainsKey(column)) columns.Add(column);
            foreach (var column in columns)
                if (row.TryGetValue(column, out var factor)) Subtract(row, pivotRows[column], factor, gained);
            gained.Clear(); // a new row is indexed whole once it is a pivot row
            Prune(row, columns);
            if (row.Count == 0) continue;

            var pivot = row.MaxBy(e => Math.Abs(e.Value)).Key;
            var scale = row[pivot];
            columns.Clear();
            columns.AddRange(row.Keys);
            foreach (var column in columns) row[column] /= scale;
            if (rowsWithColumn.TryGetValue(pivot, out var holding))
            {
                otherRows.Clear();
                otherRows.AddRange(holding);
                // Only the new pivot row holds its pivot from now on (later rows are reduced against it first).
                holding.Clear();
                // Each row that still holds the pivot once (a row listed twice has lost it at its first turn); the rows are
                // independent, so their order does not matter.
                foreach (var other in otherRows)
                {
                    var otherRow = pivotRows[other];
                    if (!otherRow.TryGetValue(pivot, out var factor)) continue;
                    columns.Clear();
                    gained.Clear();
                    Subtract(otherRow, row, factor, gained);
                    Prune(otherRow, columns);
                    foreach (var column in gained) Index(rowsWithColumn, column, other);
                }
            }
            pivotRows[pivot] = row;
            foreach (var column in row.Keys) Index(rowsWithColumn, column, pivot);
        }
        return pivotRows;
    }

    /// <summary>Subtracts <paramref name="factor"/> times the pivot row from the row, listing the columns the row did not hold.</summary>
    private static void Subtract(Dictionary<int, double> row, Dictionary<int, double> pivotRow, double factor, List<int> gained)
    {
        foreach (var (column, value) in pivotRow)
        {
            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(row, column, out var held);
            entry -= factor * value;
            if (!held) gained.Add(column);
        }
    }

    /// <summary>
    /// Removes the entries that cancelled out, in the row's order. Their columns are listed after what
    /// <paramref name="scratch"/> holds and taken off again, so the caller's list is as it was.
    /// </summary>
    private static void Prune(Dictionary<int, double> row, List<int> scratch)
    {
        var kept = scratch.Count;
        foreach (var (column, value) in row)
            if (Math.Abs(value) < Tolerance) scratch.Add(column);
        for (var i = kept; i < scratch.Count; i++) row.Remove(scratch[i]);
        scratch.RemoveRange(kept, scratch.Count - kept);
    }

    private static void Index(Dictionary<int, List<int>> rowsWithColumn, int column, int pivotRow)
    {
        if (!rowsWithColumn.TryGetValue(column, out var rows)) rowsWithColumn[column] = rows = [];
        rows.Add(pivotRow);
    }
}
