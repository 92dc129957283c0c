namespace Reintegration.Analytics.Domain.Disclosure;

/// <summary>
/// Complementary suppression (SPEC §4): a hidden figure must not be recoverable by subtraction from what the
/// same document or table shows. For an additive relation (a total and its parts: a breakdown against the
/// unit's count, group sums against the overall sum, a unit's children against it), a single hidden part
/// would be the total minus the shown parts, so the smallest other part that is not zero is hidden too.
/// Two or more hidden parts reveal only their sum. Shares are shown only with both of their terms.
/// </summary>
public static class ComplementarySuppression
{
    /// <summary>Protects the hidden parts of <paramref name="total"/> (hiding the total when no part can be hidden instead).</summary>
    public static void Protect(ProtectedCell total, IReadOnlyList<ProtectedCell> parts)
    {
        if (total.Hidden || parts.Count(p => p.Hidden && p.N > 0) != 1) return;
        var partner = parts.Where(p => !p.Hidden && p.N > 0).MinBy(p => p.N);
        if (partner is not null) partner.Hidden = true;
        else total.Hidden = true;
    }

    /// <summary>A share is shown only when both its numerator and its denominator are.</summary>
    public static bool ShowsShare(ProtectedCell numerator, ProtectedCell denominator) => !numerator.Hidden && !denominator.Hidden;
}
