using Reintegration.Analytics.Domain.Disclosure;

namespace Reintegration.Analytics.Domain.Tests;

/// <summary>
/// Ties that children's zeros imply among their parent's cells (<see cref="ImpliedRelations"/>): a parent total split two ways
/// (x + y and u + v), over children that each hold returnees in one part of each split only.
/// </summary>
public sealed class ImpliedRelationsTests
{
    private sealed record Family(ProtectedCell[] Parent, List<ImpliedRelations.Child> Children)
    {
        public ProtectedCell T => Parent[0];
        public ProtectedCell X => Parent[1];
        public ProtectedCell Y => Parent[2];
        public ProtectedCell U => Parent[3];
        public ProtectedCell V => Parent[4];
    }

    /// <summary>Cells t, x, y, u, v with t = x + y = u + v, for a parent and for each child (x, y, u, v given).</summary>
    private static Family Build(params (long X, long Y, long U, long V)[] children)
    {
        static ProtectedCell[] Unit(long x, long y, long u, long v) =>
            [new(x + y), new(x), new(y), new(u), new(v)];
        var parent = Unit(children.Sum(c => c.X), children.Sum(c => c.Y), children.Sum(c => c.U), children.Sum(c => c.V));
        var family = children.Select(c => Unit(c.X, c.Y, c.U, c.V)).Select(cells => new ImpliedRelations.Child(
            Own(cells), cells.Select((cell, i) => (cell, (ProtectedCell?)parent[i])).ToList())).ToList();
        return new Family(parent, family);
    }

    private static List<IEnumerable<(ProtectedCell Cell, double Coefficient)>> Own(ProtectedCell[] cells) =>
    [
        LinearAudit.Terms((cells[0], [cells[1], cells[2]])),
        LinearAudit.Terms((cells[0], [cells[3], cells[4]])),
    ];

    [Fact]
    public void Children_that_each_hold_one_part_of_each_split_tie_the_parts()
    {
        // Every returnee in x is in u, every one in y is in v: x = u, which the parent's own relations do not say.
        var family = Build((2, 0, 2, 0), (0, 3, 0, 3));
        var ties = ImpliedRelations.Of(family.Parent, Own(family.Parent), family.Children);

        var tie = Assert.Single(ties);
        // With t hidden, x + y = u + v leaves x free; with the tie, x equals the shown u.
        foreach (var cell in family.Parent) cell.Hidden = !ReferenceEquals(cell, family.U);
        Assert.Empty(LinearAudit.Reduce(Own(family.Parent)).Determined());
        Assert.Same(family.X, Assert.Single(LinearAudit.Reduce(Own(family.Parent).Append(tie)).Determined()));
    }

    [Fact]
    public void A_child_with_returnees_in_every_part_unties_them()
    {
        var family = Build((2, 0, 2, 0), (0, 3, 0, 3), (1, 1, 1, 1));
        Assert.Empty(ImpliedRelations.Of(family.Parent, Own(family.Parent), family.Children));
    }

    [Fact]
    public void Zeros_the_parent_shows_are_no_tie()
    {
        // No child has returnees in y or v: the parent shows both as zero, so x = u = t follows from its own relations.
        var family = Build((2, 0, 2, 0), (3, 0, 3, 0));
        Assert.Empty(ImpliedRelations.Of(family.Parent, Own(family.Parent), family.Children));
    }
}
