using Reintegration.Analytics.Domain.Disclosure;

namespace Reintegration.Analytics.Domain.Aggregation;

/// <summary>
/// Primary small-cell suppression (SPEC §4): a figure computed over fewer than
/// <see cref="MinimumCellSize"/> returnees is replaced by null. Zero is shown as zero (nothing to
/// protect). Remembers whether anything was suppressed so the document can say so.
/// </summary>
public sealed class CellSuppression(int minimumCellSize, IReadOnlySet<string>? forcedHidden = null)
{
    private readonly Dictionary<string, ProtectedCell> _cells = new(StringComparer.Ordinal);

    public int MinimumCellSize { get; } = minimumCellSize;
    public bool AnySuppressed { get; private set; }

    /// <summary>Every keyed figure of the document built with this instance (for protection across documents).</summary>
    public IReadOnlyDictionary<string, ProtectedCell> Cells => _cells;

    /// <summary>
    /// The figure <paramref name="key"/> (e.g. <c>returnees</c>, <c>score.composite</c>, <c>followUp.overdue</c>) over
    /// <paramref name="n"/> returnees: one cell per key, hidden when small or when another document's protection
    /// requires it (<paramref name="forcedHidden"/>; see <see cref="LevelDocuments.CommunityTable"/>).
    /// </summary>
    public ProtectedCell Cell(string key, long n)
    {
        if (_cells.TryGetValue(key, out var cell)) return cell;
        cell = Cell(n);
        if (forcedHidden?.Contains(key) == true && n > 0) cell.Hidden = true;
        return _cells[key] = cell;
    }

    /// <summary>numerator / the denominator's n, null when the denominator is hidden or empty (the numerator is not published).</summary>
    public double? Ratio(long numerator, ProtectedCell denominator) =>
        denominator.N == 0 || !Shown(denominator) ? null : (double)numerator / denominator.N;

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
