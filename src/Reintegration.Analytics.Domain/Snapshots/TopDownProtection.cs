using Reintegration.Analytics.Domain.Disclosure;

namespace Reintegration.Analytics.Domain.Snapshots;

/// <summary>
/// Protects a programme one family at a time, top down: the globe with its regions, then each region with its countries,
/// then each country with its communities. A family's parent was published by the family above, so its cells are fixed:
/// the children are protected against it (and among themselves), never by hiding it. A country's cells then depend only on
/// its region's family and a community's only on its country's, so a snapshot hides the same cells whatever its scope, and
/// outputs that share this routine (snapshots and the live documents, through <see cref="ProtectedProgramme"/>) cannot be set
/// against each other to undo the protection.
/// </summary>
internal static class TopDownProtection
{
    /// <summary>
    /// Bottom up, before any family is protected: some children cannot be protected against a published parent (five
    /// communities of one returnee each under a country total of 5 are each pinned at 1). The family is tried with every
    /// parent cell published that is not hidden yet; each parent cell that would leave a child exposed is hidden at once,
    /// like a small one, and the family is tried again until nothing is exposed. The parent's own relations are protected
    /// first and after each cell hidden. The last trial, which exposed nothing, is kept on the parent
    /// (<see cref="UnitCells.LastTrial"/>): it is the family's protection unless the family above hides more of the parent.
    /// </summary>
    public static void HideUnprotectable(UnitCells parent, IReadOnlyList<UnitCells> children)
    {
        var cells = parent.Cells.Values.Concat(children.SelectMany(c => c.Cells.Values)).ToList();
        var parentCells = new HashSet<ProtectedCell>(parent.Cells.Values, ReferenceEqualityComparer.Instance);
        var sums = Sums(parent, children);
        parent.AddTies(children);
        ProtectOwnRelations(parent);
        while (true)
        {
            var saved = cells.Select(c => (c.Hidden, c.Fixed)).ToList();
            parent.Fix();
            var (relations, publicBecause) = Protect(parent, children, sums, root: false);
            var culprits = relations.Exposed().SelectMany(group => Culprits(group, publicBecause, parentCells))
                .Distinct(ReferenceEqualityComparer.Instance).Cast<ProtectedCell>().ToList();
            // The parent is fixed during the trial, so its hidden cells are those from before.
            culprits.RemoveAll(c => c.Hidden);
            if (culprits.Count == 0)
                parent.LastTrial = (parent.Hidden(), children.ToDictionary(c => c.Code, c => c.Hidden(), StringComparer.Ordinal));
            for (var i = 0; i < cells.Count; i++) (cells[i].Hidden, cells[i].Fixed) = saved[i];
            if (culprits.Count == 0) return;
            culprits.OrderBy(c => c.Units >= 2 ? 0 : 1).ThenBy(c => c.N).First().Hidden = true;
            ProtectOwnRelations(parent);
        }
    }

    /// <summary>
    /// The children's hidden cells in the family's last bottom-up trial, if the parent is published as it was then (the
    /// family above hid no more of it): protecting the same children against the same fixed parent hides the same cells.
    /// Forgets the trial, which only the top-down step reads.
    /// </summary>
    public static Dictionary<string, HiddenCells>? StandingTrial(UnitCells parent)
    {
        var trial = parent.LastTrial;
        parent.LastTrial = null;
        return trial is { } t && t.Parent.Cells.SetEquals(parent.Hidden().Cells) ? t.Children : null;
    }

    /// <summary>
    /// The family above (or, for the globe, its own family) protects the parent's own relations anyway; doing it now saves the
    /// trials that would find them.
    /// </summary>
    private static void ProtectOwnRelations(UnitCells parent)
    {
        var own = new AdditiveRelations();
        parent.AddTo(own, withBounds: true);
        own.Protect();
    }

    /// <summary>
    /// The published cells of an exposed group are what pins it: the parent's cells in the group itself (the parent's side of
    /// the relation that pins it), or else the parent cells the group's published cells were derived from.
    /// </summary>
    private static IEnumerable<ProtectedCell> Culprits(IReadOnlyList<ProtectedCell> group,
        Dictionary<ProtectedCell, List<ProtectedCell>> publicBecause, HashSet<ProtectedCell> parentCells)
    {
        var direct = group.Where(c => parentCells.Contains(c) && c is { Hidden: false, N: > 0 }).ToList();
        return direct.Count > 0
            ? direct
            : Origins(group.Where(c => c is { Fixed: true, Hidden: false, N: > 0 }), publicBecause, parentCells);
    }

    /// <summary>The parent cells that the given published cells were derived from (themselves, if they are the parent's).</summary>
    private static IEnumerable<ProtectedCell> Origins(
        IEnumerable<ProtectedCell> published, Dictionary<ProtectedCell, List<ProtectedCell>> publicBecause,
        HashSet<ProtectedCell> parentCells)
    {
        var seen = new HashSet<ProtectedCell>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<ProtectedCell>(published);
        while (stack.TryPop(out var cell))
        {
            if (!seen.Add(cell)) continue;
            if (parentCells.Contains(cell)) yield return cell;
            else foreach (var reason in publicBecause.GetValueOrDefault(cell) ?? []) stack.Push(reason);
        }
    }

    /// <summary>
    /// Protects the children of <paramref name="parent"/> against it and each other, then fixes them all. The root family's
    /// parent (the globe) is not fixed yet: it is protected with its children.
    /// </summary>
    /// <returns>Whether something is left exposed (a family below the root, whose parent is fixed).</returns>
    public static bool ProtectFamily(UnitCells parent, IReadOnlyList<UnitCells> children, bool root)
    {
        // The globe's trial is never taken (the root family protects the globe too); nothing keeps it.
        parent.LastTrial = null;
        var (relations, _) = Protect(parent, children, Sums(parent, children), root);
        parent.Fix();
        foreach (var child in children) child.Fix();
        return !root && relations.Exposed().Count > 0;
    }

    /// <summary>
    /// Each parent cell with its children's cells of the same key, in the parent's order and the children's: one pass over the
    /// children's cells (a large country's family has thousands of children, its parent hundreds of cells).
    /// </summary>
    private static List<(ProtectedCell Total, List<ProtectedCell> Parts)> Sums(UnitCells parent, IReadOnlyList<UnitCells> children)
    {
        var indexOf = new Dictionary<(string Figure, string Group), int>(parent.Cells.Count);
        foreach (var key in parent.Cells.Keys) indexOf[key] = indexOf.Count;
        // Counted first, so that each parts list is allocated once at its size.
        var counts = new int[indexOf.Count];
        var found = new List<(int Index, ProtectedCell Cell)>();
        foreach (var child in children)
            foreach (var (key, cell) in child.Cells)
                if (indexOf.TryGetValue(key, out var index))
                {
                    counts[index]++;
                    found.Add((index, cell));
                }
        var sums = new List<(ProtectedCell Total, List<ProtectedCell> Parts)>(indexOf.Count);
        foreach (var cell in parent.Cells.Values) sums.Add((cell, new List<ProtectedCell>(counts[sums.Count])));
        foreach (var (index, cell) in found) sums[index].Parts.Add(cell);
        return sums;
    }

    private static (AdditiveRelations Relations, Dictionary<ProtectedCell, List<ProtectedCell>> PublicBecause) Protect(
        UnitCells parent, IReadOnlyList<UnitCells> children, List<(ProtectedCell Total, List<ProtectedCell> Parts)> sums, bool root)
    {
        var relations = new AdditiveRelations();
        parent.AddTo(relations, withBounds: root);
        foreach (var (total, parts) in sums) relations.Add(total, parts);
        foreach (var child in children) child.AddTo(relations, withBounds: true);
        var publicBecause = FixPublicCells(relations);
        relations.Protect();
        return (relations, publicBecause);
    }

    /// <summary>
    /// A shown cell that is the only unknown of a relation whose other cells are published or zero is public too (the only
    /// non-zero child of a shown parent equals it; a country's total is the sum of its published age bands), and so is one
    /// between a published subset and a published superset of its own size (surveyed between a published score's n and
    /// returnees): it is fixed as shown, so that protection picks partners that hide something. Returns, for each, the
    /// published cells it follows from.
    /// </summary>
    private static Dictionary<ProtectedCell, List<ProtectedCell>> FixPublicCells(AdditiveRelations relations)
    {
        static bool Known(ProtectedCell c) => c.N == 0 || c is { Fixed: true, Hidden: false };
        var publicBecause = new Dictionary<ProtectedCell, List<ProtectedCell>>(ReferenceEqualityComparer.Instance);
        // Zero is known: only cells with returnees can be pinned.
        var pinnable = relations.Bounds.Where(b => b.Subset.N == b.Superset.N && b.Subset.N > 0)
            .SelectMany(b => new[] { (Cell: b.Superset, Other: b.Subset, Below: true), (Cell: b.Subset, Other: b.Superset, Below: false) })
            .GroupBy(b => b.Cell, ReferenceEqualityComparer.Instance).ToList();
        bool changed;
        do
        {
            changed = false;
            foreach (var relation in relations.Equations)
            {
                var cells = relation.Select(t => t.Cell);
                if (OnlyUnknown(cells) is not { Hidden: false } only) continue;
                only.Fixed = true;
                publicBecause[only] = cells.Where(c => c.N > 0 && !ReferenceEquals(c, only)).ToList();
                changed = true;
            }
            foreach (var bounds in pinnable)
            {
                var cell = (ProtectedCell)bounds.Key!;
                if (Known(cell) || cell.Hidden) continue;
                // Equal sizes through the chain: a subset as large as the cell below it, a superset as small above it.
                var (below, above) = (bounds.FirstOrDefault(b => b.Below && Known(b.Other) && b.Other.N == cell.N).Other,
                    bounds.FirstOrDefault(b => !b.Below && Known(b.Other) && b.Other.N == cell.N).Other);
                if (below is null || above is null) continue;
                cell.Fixed = true;
                publicBecause[cell] = [below, above];
                changed = true;
            }
        }
        while (changed);
        return publicBecause;

        // The relation's one cell not known, if it has exactly one (counted without a list: every relation, every pass).
        static ProtectedCell? OnlyUnknown(IEnumerable<ProtectedCell> cells)
        {
            ProtectedCell? only = null;
            foreach (var cell in cells)
            {
                if (Known(cell)) continue;
                if (only is not null) return null;
                only = cell;
            }
            return only;
        }
    }
}
