namespace Reintegration.Analytics.Domain.Disclosure;

/// <summary>
/// Complementary suppression (SPEC §4): a hidden figure must not be recoverable by subtraction from what the
/// same document or table shows. For an additive relation (a total and its parts: a breakdown against the
/// unit's count, group sums against the overall sum, a unit's children against it), a single hidden cell
/// among the total and its parts would be recoverable from the others, so the smallest shown part that is
/// not zero is hidden too (or the total, when no part is left). Two or more hidden cells reveal only their sum.
/// Shares are shown only with both of their terms.
/// </summary>
public static class ComplementarySuppression
{
    /// <summary>Protects the one hidden cell of a relation, if there is exactly one; true when it hid another cell.</summary>
    public static bool Protect(ProtectedCell total, IReadOnlyList<ProtectedCell> parts)
    {
        var hidden = (total.Hidden && total.N > 0 ? 1 : 0) + parts.Count(p => p.Hidden && p.N > 0);
        if (hidden != 1) return false;
        var partner = parts.Where(p => !p.Hidden && p.N > 0).MinBy(p => p.N) ?? total;
        if (partner.Hidden) return false;
        partner.Hidden = true;
        return true;
    }

    /// <summary>A share is shown only when both its numerator and its denominator are.</summary>
    public static bool ShowsShare(ProtectedCell numerator, ProtectedCell denominator) => !numerator.Hidden && !denominator.Hidden;
}
