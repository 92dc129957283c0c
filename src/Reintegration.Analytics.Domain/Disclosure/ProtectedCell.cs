namespace Reintegration.Analytics.Domain.Disclosure;

/// <summary>
/// One figure of a published table (a count, or a mean or share with its n) and whether it is hidden.
/// <see cref="N"/> is the number of returnees the figure is over; cells that stand for the same figure
/// in several relations are one object, so a decision made for one relation holds in all of them.
/// </summary>
public sealed class ProtectedCell(long n)
{
    public long N { get; } = n;
    public bool Hidden { get; set; }

    /// <summary>
    /// Whether the decision is final: the cell was published by a level above (a parent protected before its children), or it
    /// equals such a cell. Complementary suppression never picks a fixed cell as a partner.
    /// </summary>
    public bool Fixed { get; set; }

    /// <summary>Whether complementary suppression may hide this cell: shown, not zero, and not fixed.</summary>
    public bool CanHide => !Hidden && !Fixed && N > 0;

    /// <summary>
    /// What the cell adds to its relations' totals in whole units of at least one per non-empty cell: its returnees,
    /// or, for an assistance type (whose returnees overlap with other types'), its records.
    /// </summary>
    public long Units { get; init; } = n;

    /// <summary>A cell hidden at once when it is over 1 to k−1 returnees (primary suppression; zero is shown).</summary>
    public static ProtectedCell Primary(long n, int minimumCellSize, long? units = null) =>
        new(n) { Hidden = n > 0 && n < minimumCellSize, Units = units ?? n };
}
