namespace Reintegration.Analytics.Domain.Disclosure;

/// <summary>
/// Every additive relation of one published table (totals and their parts, parents and their children), so
/// that complementary suppression runs over the whole table at once: hiding a cell to protect one relation
/// can leave a single hidden cell in another (a community hidden as a partner against its country is also a
/// part of nothing else, but a country hidden against its region has its own groups), so the rule runs over
/// all relations until none changes. Every step only hides, so it ends.
/// </summary>
public sealed class AdditiveRelations
{
    private readonly List<(ProtectedCell Total, IReadOnlyList<ProtectedCell> Parts)> _relations = [];

    public IReadOnlyList<(ProtectedCell Total, IReadOnlyList<ProtectedCell> Parts)> All => _relations;

    public void Add(ProtectedCell total, IReadOnlyList<ProtectedCell> parts)
    {
        if (parts.Count > 0) _relations.Add((total, parts));
    }

    public void Protect()
    {
        bool changed;
        do
        {
            changed = false;
            foreach (var (total, parts) in _relations) changed |= ComplementarySuppression.Protect(total, parts);
        }
        while (changed);
    }
}
