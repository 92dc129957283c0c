namespace Reintegration.Analytics.Domain.Disclosure;

/// <summary>
/// Complementary suppression (SPEC §4): a hidden figure must not be recoverable by subtraction from what the
/// same document or table shows. For an additive relation (a total and its parts: a breakdown against the
/// unit's count, group sums against the overall sum, a unit's children against it), a single hidden cell
/// among the total and its parts would be recoverable from the others, so the smallest shown part that is
/// not zero is hidden too (or the total, when no part is left). Two or more hidden cells reveal only their sum.
/// A fixed cell (<see cref="ProtectedCell.Fixed"/>) is never picked: a level below protects against it, not with it.
/// Shares are shown only with both of their terms.
/// </summary>
public static class ComplementarySuppression
{
    /// <summary>Protects the one hidden cell of a relation, if there is exactly one; returns the cell it hid, if any.</summary>
    public static ProtectedCell? Protect(ProtectedCell total, IReadOnlyList<ProtectedCell> parts)
    {
        if (!HiddenAlone(total, parts)) return null;
        var partner = parts.Where(p => p.CanHide).MinBy(p => p.N) ?? total;
        if (!partner.CanHide) return null;
        partner.Hidden = true;
        return partner;
    }

    /// <summary>Whether exactly one cell of the relation is hidden (and so is the others' difference).</summary>
    public static bool HiddenAlone(ProtectedCell total, IReadOnlyList<ProtectedCell> parts) =>
        (total.Hidden && total.N > 0 ? 1 : 0) + parts.Count(p => p.Hidden && p.N > 0) == 1;

    /// <summary>
    /// Zero is always shown, so every hidden part holds at least one unit (<see cref="ProtectedCell.Units"/>): when a shown
    /// total exceeds its shown parts by exactly the number of hidden parts, each hidden part is 1. Then a shown part of two
    /// or more units is hidden too (or the total, when there is none); returns the cell it hid, if any.
    /// </summary>
    /// <param name="returneesAddUp">Whether the parts' returnees add up to the total's too (not so for assistance types).</param>
    public static ProtectedCell? ProtectRemainder(ProtectedCell total, IReadOnlyList<ProtectedCell> parts, bool returneesAddUp = true)
    {
        if (!PinnedAtOne(total, parts, returneesAddUp)) return null;
        var partner = parts.Where(p => p.CanHide && p.Units >= 2).MinBy(p => p.N) ?? total;
        if (!partner.CanHide) return null;
        partner.Hidden = true;
        return partner;
    }

    /// <summary>Whether a shown total exceeds its shown parts by exactly the number of hidden parts (each of them is 1).</summary>
    public static bool PinnedAtOne(ProtectedCell total, IReadOnlyList<ProtectedCell> parts, bool returneesAddUp = true)
    {
        if (total.Hidden) return false;
        var hidden = parts.Count(p => p.Hidden && p.N > 0);
        if (hidden == 0) return false;
        return total.Units - parts.Where(p => !p.Hidden).Sum(p => p.Units) == hidden
            || returneesAddUp && total.N - parts.Where(p => !p.Hidden).Sum(p => p.N) == hidden;
    }

    /// <summary>A share is shown only when both its numerator and its denominator are.</summary>
    public static bool ShowsShare(ProtectedCell numerator, ProtectedCell denominator) => !numerator.Hidden && !denominator.Hidden;
}
