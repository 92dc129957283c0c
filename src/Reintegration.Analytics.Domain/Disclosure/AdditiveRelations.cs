namespace Reintegration.Analytics.Domain.Disclosure;

/// <summary>
/// Every relation of one published table, so that complementary suppression runs over the whole table at once:
/// additive relations (totals and their parts, parents and their children) and bounds (a count of a subset of
/// another count's returnees). Protection alternates two steps until neither hides anything:
/// <list type="number">
/// <item>the single-relation rules of <see cref="ComplementarySuppression"/> over every relation (never exactly one hidden
/// cell; never hidden parts that can only hold one returnee each), until none changes (hiding a cell for one relation can
/// leave a single hidden cell in another);</item>
/// <item>an audit of what the relations determine together (<see cref="LinearAudit"/>) and of hidden counts pinned
/// between a shown subset and a shown superset of equal size: one more cell hidden beside a determined cell per group of
/// linked hidden cells and round, and beside each pinned count. A cell that published (fixed) cells alone determine gets
/// none from the audit: no partner can help it, and <see cref="Exposed"/> reports it.</item>
/// </list>
/// Every step only hides, so it ends. Not covered: bounds combined with the equations (a linear programme).
/// </summary>
public sealed class AdditiveRelations
{
    private readonly List<(ProtectedCell Total, IReadOnlyList<ProtectedCell> Parts)> _relations = [];
    /// <summary>Linear relations that are not sums (<see cref="ImpliedRelations"/>): indexed after the additive ones.</summary>
    private readonly List<IReadOnlyList<(ProtectedCell Cell, double Coefficient)>> _ties = [];
    private readonly HashSet<int> _returneesOverlap = [];
    private readonly List<(ProtectedCell Subset, ProtectedCell Superset)> _bounds = [];
    private readonly List<Unit> _units = [];
    private Dictionary<ProtectedCell, List<int>>? _boundsOf;

    /// <summary>The echelon form protection ended with, and the hidden cells it was for (what <see cref="Exposed"/> audits).</summary>
    private (LinearAudit.Echelon Echelon, List<ProtectedCell> Hidden)? _settled;

    /// <summary>A unit's cells in table order (so that the same table always gets the same cells hidden), and as a set.</summary>
    private sealed record Unit(IReadOnlyList<ProtectedCell> Cells, HashSet<ProtectedCell> Members, AdditiveRelations Own)
    {
        /// <summary>The freedom of the unit's hidden cells under its own relations, and which of its cells were hidden then.</summary>
        public (bool[] Hidden, int Freedom)? OwnFreedom { get; set; }
    }

    public IReadOnlyList<(ProtectedCell Total, IReadOnlyList<ProtectedCell> Parts)> All => _relations;

    /// <summary>Every bound: a count of a subset of another count's returnees.</summary>
    public IReadOnlyList<(ProtectedCell Subset, ProtectedCell Superset)> Bounds => _bounds;

    /// <summary>Every relation, additive ones and ties, as terms whose sum is zero.</summary>
    public IEnumerable<IEnumerable<(ProtectedCell Cell, double Coefficient)>> Equations => Indices.Select(Terms);

    /// <summary>A linear relation that is not a sum: the terms add up to zero (a tie that children imply).</summary>
    public void AddTie(IReadOnlyList<(ProtectedCell Cell, double Coefficient)> terms) => _ties.Add(terms);

    /// <summary>
    /// A total and its parts; their <see cref="ProtectedCell.Units"/> add up, and so do their returnees unless they overlap.
    /// </summary>
    public void Add(ProtectedCell total, IReadOnlyList<ProtectedCell> parts, bool returneesOverlap = false)
    {
        if (parts.Count == 0) return;
        if (returneesOverlap) _returneesOverlap.Add(_relations.Count);
        _relations.Add((total, parts));
    }

    /// <summary>Records that <paramref name="subset"/> counts some of the returnees <paramref name="superset"/> counts.</summary>
    public void AddBound(ProtectedCell subset, ProtectedCell superset)
    {
        _bounds.Add((subset, superset));
        _boundsOf = null;
    }

    /// <summary>
    /// Adds a unit (a community, country, region or the globe): its cells, its own relations and, if asked, its bounds.
    /// Protection then also makes sure that the relations together tell no more about the unit's hidden cells than its own
    /// relations do, so that a table protected family by family is protected as a whole (see <see cref="Protect"/>).
    /// </summary>
    public void AddUnit(IEnumerable<ProtectedCell> cells, AdditiveRelations own, bool withBounds)
    {
        for (var i = 0; i < own._relations.Count; i++)
            Add(own._relations[i].Total, own._relations[i].Parts, own._returneesOverlap.Contains(i));
        _ties.AddRange(own._ties);
        if (withBounds) _bounds.AddRange(own._bounds);
        _boundsOf = null;
        var list = cells.ToList();
        _units.Add(new Unit(list, new HashSet<ProtectedCell>(list, ReferenceEqualityComparer.Instance), own));
    }

    public void Protect()
    {
        // Each cell's relations, and the hidden cells with returnees in table order (so that the same table always gets the same
        // cells hidden): one pass over every cell, without an iterator per relation (large families hold 100,000s of cells).
        // Sized for the units' cells (most cells of a relation are some unit's), rather than grown step by step.
        var cellCount = 0;
        foreach (var unit in _units) cellCount += unit.Cells.Count;
        var relationsOf = new Dictionary<ProtectedCell, List<int>>(cellCount, ReferenceEqualityComparer.Instance);
        var dirty = new List<ProtectedCell>();
        var seen = new HashSet<ProtectedCell>(ReferenceEqualityComparer.Instance);
        void NoteHidden(ProtectedCell cell)
        {
            if (cell is { Hidden: true, N: > 0 } && seen.Add(cell)) dirty.Add(cell);
        }
        void Relate(ProtectedCell cell, int relation)
        {
            (relationsOf.TryGetValue(cell, out var list) ? list : relationsOf[cell] = []).Add(relation);
            NoteHidden(cell);
        }
        for (var i = 0; i < _relations.Count; i++)
        {
            var (total, parts) = _relations[i];
            Relate(total, i);
            for (var p = 0; p < parts.Count; p++) Relate(parts[p], i);
        }
        for (var t = 0; t < _ties.Count; t++)
            foreach (var (cell, _) in _ties[t]) Relate(cell, _relations.Count + t);
        foreach (var (subset, superset) in _bounds)
        {
            NoteHidden(subset);
            NoteHidden(superset);
        }
        var boundsOf = BoundsByCell();

        // Work lists: only relations and components that a newly hidden cell touches are looked at again.
        var pending = new HashSet<int>(Enumerable.Range(0, _relations.Count));
        // A hidden count pinned between cells that stay shown is known like a shown one (the caller sees it as exposed): the
        // audit counts it so, and finds what else it gives away. A cell starts being pinned only when it is hidden (dirty then),
        // and stays pinned: its pins cannot be hidden.
        var pinnedForGood = new HashSet<ProtectedCell>(ReferenceEqualityComparer.Instance);
        bool Unknown(ProtectedCell cell) => cell.Hidden && !pinnedForGood.Contains(cell);
        // A hidden cell that published (fixed) cells and pinned counts alone determine stays determined however many cells are
        // hidden beside it: the audit gives it no partners, which would only hide more and keep other determined cells of its
        // component waiting (the caller sees it as exposed). Which cells may be hidden does not change during protection.
        HashSet<ProtectedCell>? helpless = null;
        bool Helpable(ProtectedCell determined) => !(helpless ??= new(
            LinearAudit.Reduce(Equations, c => (c.Hidden || !c.Fixed) && !pinnedForGood.Contains(c)).Determined(),
            ReferenceEqualityComparer.Instance)).Contains(determined);
        while (true)
        {
            ProtectEachRelation(pending, relationsOf, dirty);
            var hidden = new List<ProtectedCell>();
            var pinned = Pinned(dirty, boundsOf);
            foreach (var (cell, pin) in pinned)
            {
                if (!pin.CanHide)
                {
                    if (pinnedForGood.Add(cell)) helpless = null;
                }
                else
                {
                    pin.Hidden = true;
                    hidden.Add(pin);
                }
            }
            foreach (var component in ComponentsOf(dirty, relationsOf))
            {
                // One more hidden cell per component and round: it often un-determines the others too.
                var determined = LinearAudit.Reduce(component.Select(Terms), Unknown).Determined().FirstOrDefault(Helpable);
                if (determined is not null && HideBeside(determined, relationsOf) is { } partner) hidden.Add(partner);
            }
            if (hidden.Count == 0)
            {
                var echelon = _units.Count < 2 ? null : LinearAudit.Reduce(Equations, Unknown);
                foreach (var unit in Overexposed(echelon, Unknown))
                    if (unit.Cells.Where(c => c.N > 0 && Unknown(c)).Select(c => HideBeside(c, relationsOf, unit.Members))
                            .FirstOrDefault(p => p is not null) is { } partner)
                        hidden.Add(partner);
                if (hidden.Count == 0)
                {
                    if (echelon is not null) _settled = (echelon, HiddenInRelations());
                    return;
                }
            }
            // A pinned cell may have several shown subsets of its size: it is looked at again until none pins it.
            dirty = [.. hidden, .. pinned.Select(p => p.Cell)];
            foreach (var cell in hidden) pending.UnionWith((relationsOf.GetValueOrDefault(cell) ?? []).Where(i => i < _relations.Count));
        }
    }

    /// <summary>
    /// What protection could not cover (when every cell that would have helped is fixed): for each relation with one hidden
    /// cell or with hidden parts pinned at one, each hidden cell the relations determine together, and each hidden count
    /// pinned by its bounds, the cells involved. Empty for a protected table.
    /// </summary>
    public List<IReadOnlyList<ProtectedCell>> Exposed()
    {
        var exposed = new List<IReadOnlyList<ProtectedCell>>();
        for (var i = 0; i < _relations.Count; i++)
        {
            var (total, parts) = _relations[i];
            if (ComplementarySuppression.HiddenAlone(total, parts)
                || ComplementarySuppression.PinnedAtOne(total, parts, returneesAddUp: !_returneesOverlap.Contains(i)))
                exposed.Add([total, .. parts]);
        }
        var boundsOf = BoundsByCell();
        var pinned = Pinned([.. boundsOf.Keys], boundsOf);
        foreach (var (cell, pin) in pinned) exposed.Add([cell, pin]);
        // Pinned counts are known (as in Protect, where every pinned count left is pinned for good: the same set, so the echelon
        // Protect settled on holds).
        var known = pinned.Select(p => p.Cell).ToHashSet(ReferenceEqualityComparer.Instance);
        bool Unknown(ProtectedCell cell) => cell.Hidden && !known.Contains(cell);
        var echelon = _settled is { } settled && settled.Hidden.SequenceEqual(HiddenInRelations(), ReferenceEqualityComparer.Instance)
            ? settled.Echelon
            : LinearAudit.Reduce(Equations, Unknown);
        foreach (var determined in echelon.Determined())
            exposed.Add(RelationsOf(c => ReferenceEquals(c, determined)));
        foreach (var unit in Overexposed(echelon, Unknown))
            exposed.Add(RelationsOf(c => c.Hidden && unit.Members.Contains(c)));
        return exposed;
    }

    /// <summary>
    /// Units whose hidden cells the relations together tie more tightly than the unit's own relations do: another table that
    /// shares the unit (its parent's family, or its children's) could then combine both and learn more than either shows.
    /// </summary>
    private List<Unit> Overexposed(LinearAudit.Echelon? echelon, Func<ProtectedCell, bool> unknown)
    {
        // A unit alone has no relations but its own.
        if (echelon is null || _units.Count < 2) return [];
        return _units.Where(u => u.Cells.Any(c => c.N > 0 && unknown(c)) && echelon.Freedom(u.Cells) < OwnFreedom(u, unknown)).ToList();
    }

    /// <summary>How many ways the unit's unknown cells (hidden, not pinned) can move under its own relations alone.</summary>
    private static int OwnFreedom(Unit unit, Func<ProtectedCell, bool> unknown)
    {
        if (unit.OwnFreedom is { } known && Same(known.Hidden)) return known.Freedom;
        var freedom = LinearAudit.Reduce(unit.Own.Equations, unknown).Freedom(unit.Cells);
        unit.OwnFreedom = (unit.Cells.Select(unknown).ToArray(), freedom);
        return freedom;

        // Compared without an array: most units' hidden cells stay as they were from round to round.
        bool Same(bool[] hidden)
        {
            for (var i = 0; i < hidden.Length; i++)
                if (hidden[i] != unknown(unit.Cells[i])) return false;
            return true;
        }
    }

    private List<ProtectedCell> HiddenInRelations() =>
        Indices.SelectMany(CellsOf).Where(c => c is { Hidden: true, N: > 0 }).ToList();

    /// <summary>Every relation's index: additive ones first, then ties.</summary>
    private IEnumerable<int> Indices => Enumerable.Range(0, _relations.Count + _ties.Count);

    /// <summary>The cells of relation <paramref name="index"/> (additive ones first, then ties).</summary>
    private IEnumerable<ProtectedCell> CellsOf(int index) => index < _relations.Count
        ? _relations[index].Parts.Prepend(_relations[index].Total)
        : _ties[index - _relations.Count].Select(t => t.Cell);

    private IEnumerable<(ProtectedCell Cell, double Coefficient)> Terms(int index) =>
        index < _relations.Count ? LinearAudit.Terms(_relations[index]) : _ties[index - _relations.Count];

    /// <summary>Every cell of the relations that hold a cell matching <paramref name="member"/>.</summary>
    private List<ProtectedCell> RelationsOf(Func<ProtectedCell, bool> member) =>
        Indices.Select(CellsOf).Where(cells => cells.Any(member)).SelectMany(c => c).ToList();

    /// <summary>Each cell's bounds (their indices), built once after the last bound was added (protecting and auditing read it).</summary>
    private Dictionary<ProtectedCell, List<int>> BoundsByCell() => _boundsOf ??= IndexBounds();

    private Dictionary<ProtectedCell, List<int>> IndexBounds()
    {
        var boundsOf = new Dictionary<ProtectedCell, List<int>>(_bounds.Count, ReferenceEqualityComparer.Instance);
        void Note(ProtectedCell cell, int bound) => (boundsOf.TryGetValue(cell, out var list) ? list : boundsOf[cell] = []).Add(bound);
        for (var i = 0; i < _bounds.Count; i++)
        {
            Note(_bounds[i].Subset, i);
            Note(_bounds[i].Superset, i);
        }
        return boundsOf;
    }

    /// <summary>The single-relation rules until no relation changes; every cell they hide joins <paramref name="dirty"/>.</summary>
    private void ProtectEachRelation(HashSet<int> pending, Dictionary<ProtectedCell, List<int>> relationsOf, List<ProtectedCell> dirty)
    {
        var queue = new Queue<int>(pending.Order());
        pending.Clear();
        var queued = new HashSet<int>(queue);
        while (queue.TryDequeue(out var index))
        {
            queued.Remove(index);
            var (total, parts) = _relations[index];
            var partner = ComplementarySuppression.Protect(total, parts)
                ?? ComplementarySuppression.ProtectRemainder(total, parts, returneesAddUp: !_returneesOverlap.Contains(index));
            if (partner is null) continue;
            dirty.Add(partner);
            foreach (var other in relationsOf[partner].Append(index))
                if (other < _relations.Count && queued.Add(other)) queue.Enqueue(other);
        }
    }

    /// <summary>The relations of each group of hidden cells linked (through relations) to a dirty cell.</summary>
    private IEnumerable<List<int>> ComponentsOf(List<ProtectedCell> dirty, Dictionary<ProtectedCell, List<int>> relationsOf)
    {
        var seenCells = new HashSet<ProtectedCell>(ReferenceEqualityComparer.Instance);
        var seenRelations = new HashSet<int>();
        foreach (var start in dirty)
        {
            if (!start.Hidden || start.N == 0 || !seenCells.Add(start)) continue;
            var component = new List<int>();
            var stack = new Stack<ProtectedCell>([start]);
            while (stack.TryPop(out var cell))
                foreach (var index in relationsOf.GetValueOrDefault(cell) ?? [])
                {
                    if (!seenRelations.Add(index)) continue;
                    component.Add(index);
                    foreach (var other in CellsOf(index))
                        if (other.Hidden && other.N > 0 && seenCells.Add(other)) stack.Push(other);
                }
            if (component.Count > 0) yield return component;
        }
    }

    /// <summary>
    /// Hides the smallest shown cell with returnees of a relation the determined cell is in; when all of those are hidden
    /// already, of a relation of the hidden cells linked to it (the shown cells that pin it are among those).
    /// </summary>
    private ProtectedCell? HideBeside(
        ProtectedCell determined, Dictionary<ProtectedCell, List<int>> relationsOf, HashSet<ProtectedCell>? notThese = null)
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
                    foreach (var other in CellsOf(index))
                    {
                        if (other.N == 0) continue;
                        if (other.CanHide && notThese?.Contains(other) != true)
                            partner = partner is null || other.N < partner.N ? other : partner;
                        else if (other.Hidden && visitedCells.Add(other)) next.Add(other);
                    }
                }
            if (partner is not null)
            {
                partner.Hidden = true;
                return partner;
            }
            frontier = next;
        }
        return null;
    }

    /// <summary>
    /// Shown subsets that pin a hidden count: its largest shown subset equals its smallest shown superset. Only bounds
    /// of newly hidden cells can start pinning.
    /// </summary>
    private List<(ProtectedCell Cell, ProtectedCell Pin)> Pinned(List<ProtectedCell> dirty, Dictionary<ProtectedCell, List<int>> boundsOf)
    {
        var pins = new List<(ProtectedCell, ProtectedCell)>();
        var seen = new HashSet<ProtectedCell>(ReferenceEqualityComparer.Instance);
        foreach (var cell in dirty)
        {
            if (!cell.Hidden || cell.N == 0 || !boundsOf.TryGetValue(cell, out var bounds) || !seen.Add(cell)) continue;
            ProtectedCell? below = null, above = null;
            foreach (var bound in bounds)
            {
                var (subset, superset) = _bounds[bound];
                if (ReferenceEquals(superset, cell) && !subset.Hidden && (below is null || subset.N > below.N)) below = subset;
                if (ReferenceEquals(subset, cell) && !superset.Hidden && (above is null || superset.N < above.N)) above = superset;
            }
            if (below is not null && above is not null && below.N == above.N)
                pins.Add((cell, below.CanHide ? below : above));
        }
        return pins;
    }
}
