namespace Reintegration.Analytics.Domain.Disclosure;

/// <summary>
/// Linear relations among a parent's cells that its children's figures imply whatever is hidden, beyond the parent's own
/// relations. Zeros are always shown, so a child can tie cells together for good: a community whose every returnee is due
/// and came back through voluntary humanitarian return shows zero in every other return type and status, so its country's
/// VHR and due counts differ by exactly what the other communities add. Such a tie is published by the child's family
/// whatever protection hides, and the family above must protect against it (SPEC §4: nothing recoverable by subtraction
/// anywhere): a parent carries its ties as relations of its own.
/// <para>
/// A parent's cells that have children's counterparts are the sums of those (the children's cells that the children's own
/// relations leave free, with zeros known): the parent can only take values in the sum of the spaces each child spans,
/// and the relations that sum obeys are the ties. Children are added one by one until the sum spans all the parent's own
/// relations allow (usually after a few; then there is no tie).
/// </para>
/// </summary>
public static class ImpliedRelations
{
    /// <summary>A child: its own relations, and each of its cells with the parent's cell it adds to (if any).</summary>
    public sealed record Child(
        IEnumerable<IEnumerable<(ProtectedCell Cell, double Coefficient)>> Own,
        IReadOnlyList<(ProtectedCell Cell, ProtectedCell? Parent)> Cells);

    /// <summary>The ties among <paramref name="parentCells"/>: each a list of terms whose sum is zero.</summary>
    public static List<IReadOnlyList<(ProtectedCell Cell, double Coefficient)>> Of(IReadOnlyList<ProtectedCell> parentCells,
        IEnumerable<IEnumerable<(ProtectedCell Cell, double Coefficient)>> parentOwn, IReadOnlyList<Child> children)
    {
        // Zero is known: only cells with returnees are coordinates.
        var column = new Dictionary<ProtectedCell, int>(ReferenceEqualityComparer.Instance);
        foreach (var cell in parentCells.Where(c => c.N > 0)) column.TryAdd(cell, column.Count);
        var summed = children.SelectMany(c => c.Cells).Select(c => c.Parent).OfType<ProtectedCell>()
            .Where(column.ContainsKey).Select(c => column[c]).ToHashSet();

        var own = new RowSpace(column.Count);
        var ownList = parentOwn.Select(r => r.ToList()).ToList();
        foreach (var relation in ownList) own.Add(Dense(relation, column));
        // What the parent's own relations leave its summed cells free to be: once the children's spaces add up to it, no tie.
        var allowed = Spans(ownList, parentCells.Select(c => (c, (ProtectedCell?)c)).ToList(), column, summed);
        var allowedRank = allowed.Aggregate(new RowSpace(column.Count), (space, v) => { space.Add(v); return space; }).Rank;
        var sum = new RowSpace(column.Count);
        foreach (var child in children.OrderByDescending(c => c.Cells.Count(x => x.Cell.N > 0)))
        {
            foreach (var vector in Spans(child.Own.Select(r => r.ToList()).ToList(), child.Cells, column, summed)) sum.Add(vector);
            if (sum.Rank >= allowedRank && allowed.All(sum.Contains)) return [];
        }

        var cells = column.OrderBy(c => c.Value).Select(c => c.Key).ToArray();
        var ties = new List<IReadOnlyList<(ProtectedCell Cell, double Coefficient)>>();
        foreach (var relation in sum.Annihilator(summed.Order()))
        {
            var beyond = own.Remainder(relation);
            if (!own.Add(beyond)) continue;
            ties.Add(beyond.Select((coefficient, i) => (cells[i], coefficient)).Where(t => t.coefficient != 0).ToList());
        }
        return ties;
    }

    /// <summary>
    /// A basis of what the cells can be under their relations (zeros known), each vector mapped onto the parent's summed
    /// columns.
    /// </summary>
    private static List<double[]> Spans(List<List<(ProtectedCell Cell, double Coefficient)>> relations,
        IReadOnlyList<(ProtectedCell Cell, ProtectedCell? Parent)> cells, Dictionary<ProtectedCell, int> column, HashSet<int> summed)
    {
        var parentOf = new Dictionary<ProtectedCell, int>(ReferenceEqualityComparer.Instance);
        foreach (var (cell, parent) in cells)
            if (cell.N > 0 && parent is not null && column.TryGetValue(parent, out var c) && summed.Contains(c)) parentOf.TryAdd(cell, c);
        var echelon = LinearAudit.Reduce(relations, c => c.N > 0);
        var vectors = echelon.NullVectors().ToList();
        vectors.AddRange(cells.Select(c => c.Cell).Where(c => c.N > 0 && !echelon.Ties(c)).Distinct(ReferenceEqualityComparer.Instance)
            .Cast<ProtectedCell>().Select(c => new Dictionary<ProtectedCell, double>(ReferenceEqualityComparer.Instance) { [c] = 1 }));
        var spans = new List<double[]>();
        foreach (var vector in vectors)
        {
            var mapped = new double[column.Count];
            var any = false;
            foreach (var (cell, value) in vector)
                if (parentOf.TryGetValue(cell, out var c))
                {
                    mapped[c] += value;
                    any = true;
                }
            if (any) spans.Add(mapped);
        }
        return spans;
    }

    private static double[] Dense(List<(ProtectedCell Cell, double Coefficient)> relation, Dictionary<ProtectedCell, int> column)
    {
        var vector = new double[column.Count];
        foreach (var (cell, coefficient) in relation)
            if (column.TryGetValue(cell, out var c)) vector[c] += coefficient;
        return vector;
    }
}
