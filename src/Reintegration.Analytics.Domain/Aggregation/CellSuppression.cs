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

    public MeanCell Mean(double sum, long n) =>
        Hides(n) ? new MeanCell(null, null, Suppressed: true) : new MeanCell(n == 0 ? null : sum / n, n);
}
