namespace Reintegration.Analytics.Domain.Disclosure;

/// <summary>
/// The span of dense vectors of one width, kept in reduced row echelon form as vectors are added (each pivot column is zero
/// in every other row): what <see cref="ImpliedRelations"/> needs to sum subspaces and to find the relations a span obeys.
/// </summary>
public sealed class RowSpace(int width)
{
    private const double Tolerance = 1e-9;
    private readonly List<(int Pivot, double[] Row)> _rows = [];

    public int Rank => _rows.Count;

    /// <summary>Adds a vector; false when the span holds it already.</summary>
    public bool Add(double[] vector)
    {
        var row = Remainder(vector);
        var pivot = -1;
        for (var c = 0; c < width; c++)
            if (Math.Abs(row[c]) > Tolerance && (pivot < 0 || Math.Abs(row[c]) > Math.Abs(row[pivot]))) pivot = c;
        if (pivot < 0) return false;
        var scale = row[pivot];
        for (var c = 0; c < width; c++) row[c] = Math.Abs(row[c] / scale) < Tolerance ? 0 : row[c] / scale;
        foreach (var (_, other) in _rows) Subtract(other, row, other[pivot]);
        _rows.Add((pivot, row));
        return true;
    }

    public bool Contains(double[] vector) => Remainder(vector).All(v => Math.Abs(v) <= Tolerance);

    /// <summary>The vector less its part in the span along the pivots (zero exactly when the span holds it).</summary>
    public double[] Remainder(double[] vector)
    {
        var row = (double[])vector.Clone();
        foreach (var (pivot, other) in _rows) Subtract(row, other, row[pivot]);
        return row;
    }

    /// <summary>
    /// A basis of the vectors orthogonal to the span among those that are zero outside <paramref name="columns"/> (the span's
    /// vectors must be zero outside them too): the relations every vector of the span obeys on those columns.
    /// </summary>
    public IEnumerable<double[]> Annihilator(IEnumerable<int> columns)
    {
        var pivots = _rows.Select(r => r.Pivot).ToHashSet();
        foreach (var free in columns.Where(c => !pivots.Contains(c)))
        {
            var relation = new double[width];
            relation[free] = 1;
            foreach (var (pivot, row) in _rows) relation[pivot] = -row[free];
            yield return relation;
        }
    }

    private void Subtract(double[] row, double[] other, double factor)
    {
        if (Math.Abs(factor) <= Tolerance) return;
        for (var c = 0; c < width; c++)
            if (other[c] != 0) row[c] = Math.Abs(row[c] - factor * other[c]) < Tolerance ? 0 : row[c] - factor * other[c];
    }
}
