using Reintegration.Analytics.Domain.Disclosure;

namespace Reintegration.Analytics.Domain.Aggregation;

/// <summary>
/// Primary small-cell suppression (SPEC §4): a figure computed over fewer than
/// <see cref="MinimumCellSize"/> returnees is replaced by null. Zero is shown as zero (nothing to
/// protect). Remembers whether anything was suppressed so the document can say so.
/// </summary>
public sealed class CellSuppression(int minimumCellSize)
{
    public int MinimumCellSize { get; } = minimumCellSize;
    public bool AnySuppressed { get; private set; }

    public bool Hides(long n)
    {
        if (n == 0 || n >= MinimumCellSize) return false;
        AnySuppressed = true;
        return true;
    }

    public long? Count(long n) => Hides(n) ? null : n;

    /// <summary>numerator / denominator where the denominator is a count of returnees; null if empty or suppressed.</summary>
    public double? Share(long numerator, long denominator) =>
        denominator == 0 || Hides(denominator) ? null : (double)numerator / denominator;

    public MeanCell Mean(MeanAccumulator accumulator) => Mean(accumulator.Sum, accumulator.Count);

    /// <summary>
    /// A figure over <paramref name="n"/> returnees, hidden at once if n is 1..k−1 (see <see cref="ComplementarySuppression"/>).
    /// </summary>
    public ProtectedCell Cell(long n) => ProtectedCell.Primary(n, MinimumCellSize);

    /// <summary>The count of a cell, or null when it is hidden (primary or complementary).</summary>
    public long? Count(ProtectedCell cell) => Shown(cell) ? cell.N : null;

    /// <summary>A mean over the returnees of <paramref name="cell"/>; suppressed when the cell is hidden.</summary>
    public MeanCell Mean(MeanAccumulator accumulator, ProtectedCell cell) =>
        Shown(cell) ? Mean(accumulator) : new MeanCell(null, null, Suppressed: true);

    /// <summary>numerator / denominator, shown only with both terms (and null over an empty denominator).</summary>
    public double? Share(ProtectedCell numerator, ProtectedCell denominator)
    {
        if (denominator.N == 0) return null;
        if (!ComplementarySuppression.ShowsShare(numerator, denominator))
        {
            AnySuppressed = true;
            return null;
        }
        return (double)numerator.N / denominator.N;
    }

    public bool Shown(ProtectedCell cell)
    {
        if (cell.Hidden) AnySuppressed = true;
        return !cell.Hidden;
    }

    public MeanCell Mean(double sum, long n) =>
        Hides(n) ? new MeanCell(null, null, Suppressed: true) : new MeanCell(n == 0 ? null : sum / n, n);
}
