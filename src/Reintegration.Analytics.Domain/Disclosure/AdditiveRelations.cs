namespace Reintegration.Analytics.Domain.Disclosure;

/// <summary>
/// Every relation of one published table, so that complementary suppression runs over the whole table at once:
/// additive relations (totals and their parts, parents and their children) and bounds (a count of a subset of
/// another count's returnees). Protection alternates two steps until neither hides anything:
/// <list type="number">
/// <item>the single-relation rule of <see cref="ComplementarySuppression"/> over every relation, until none changes
/// (hiding a cell for one relation can leave a single hidden cell in another);</item>
/// <item>an audit of what the relations determine together (<see cref="LinearAudit"/>) and of hidden counts pinned
/// between a shown subset and a shown superset of equal size; each such cell gets one more cell hidden beside it.</item>
/// </list>
/// Every step only hides, so it ends. Not covered: bounds combined with the equations (a linear programme).
/// </summary>
public sealed class AdditiveRelations
{
    private readonly List<(ProtectedCell Total, IReadOnlyList<ProtectedCell> Parts)> _relations = [];
    private readonly List<(ProtectedCell Subset, ProtectedCell Superset)> _bounds = [];

    public IReadOnlyList<(ProtectedCell Total, IReadOnlyList<ProtectedCell> Parts)> All => _relations;

    public void Add(ProtectedCell total, IReadOnlyList<ProtectedCell> parts)
    {
        if (parts.Count > 0) _relations.Add((total, parts));
    }

    /// <summary>Records that <paramref name="subset"/> counts some of the returnees <paramref name="superset"/> counts.</summary>
    public void AddBound(ProtectedCell subset, ProtectedCell superset) => _bounds.Add((subset, superset));

    public void Protect()
    {
        var relationsOf = new Dictionary<ProtectedCell, List<int>>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < _relations.Count; i++)
            foreach (var cell in _relations[i].Parts.Prepend(_relations[i].Total))
                (relationsOf.TryGetValue(cell, out var list) ? list : relationsOf[cell] = []).Add(i);
        while (true)
        {
            ProtectEachRelation();
            var changed = false;
            foreach (var cell in LinearAudit.Determined(_relations)) changed |= HideBeside(cell, relationsOf);
            foreach (var (cell, pin) in Pinned()) changed |= !pin.Hidden && (pin.Hidden = true);
            if (!changed) return;
        }
    }

    private void ProtectEachRelation()
    {
        bool changed;
        do
        {
            changed = false;
            foreach (var (total, parts) in _relations) changed |= ComplementarySuppression.Protect(total, parts);
        }
        while (changed);
    }

    /// <summary>
    /// Hides the smallest shown cell with returnees of a relation the determined cell is in; when all of those are hidden
    /// already, of a relation of the hidden cells linked to it (the shown cells that pin it are among those).
    /// </summary>
    private bool HideBeside(ProtectedCell determined, Dictionary<ProtectedCell, List<int>> relationsOf)
    {
        var visitedRelations = new HashSet<int>();
        var visitedCells = new HashSet<ProtectedCell>(ReferenceEqualityComparer.Instance) { determined };
        var frontier = new List<ProtectedCell> { determined };
        while (frontier.Count > 0)
        {
            var next = new List<ProtectedCell>();
            ProtectedCell? partner = null;
            foreach (var cell in frontier)
                foreach (var index in relationsOf.GetValueOrDefault(cell) ?? [])
                {
                    if (!visitedRelations.Add(index)) continue;
                    foreach (var other in _relations[index].Parts.Prepend(_relations[index].Total))
                    {
                        if (other.N == 0) continue;
                        if (!other.Hidden) partner = partner is null || other.N < partner.N ? other : partner;
                        else if (visitedCells.Add(other)) next.Add(other);
                    }
                }
            if (partner is not null)
            {
                partner.Hidden = true;
                return true;
            }
            frontier = next;
        }
        return false;
    }

    /// <summary>Hidden counts whose largest shown subset equals their smallest shown superset, with the subset that pins them.</summary>
    private IEnumerable<(ProtectedCell Cell, ProtectedCell Pin)> Pinned()
    {
        var lower = new Dictionary<ProtectedCell, ProtectedCell>(ReferenceEqualityComparer.Instance);
        var upper = new Dictionary<ProtectedCell, ProtectedCell>(ReferenceEqualityComparer.Instance);
        foreach (var (subset, superset) in _bounds)
        {
            if (superset.Hidden && !subset.Hidden && (!lower.TryGetValue(superset, out var l) || subset.N > l.N)) lower[superset] = subset;
            if (subset.Hidden && !superset.Hidden && (!upper.TryGetValue(subset, out var u) || superset.N < u.N)) upper[subset] = superset;
        }
        foreach (var (cell, below) in lower)
            if (cell.N > 0 && upper.TryGetValue(cell, out var above) && below.N == above.N)
                yield return (cell, below.N > 0 ? below : above);
    }
}
