using Reintegration.Analytics.Domain.Disclosure;

namespace Reintegration.Analytics.Domain.Tests;

/// <summary>The single-relation rules with cells that a level above has fixed.</summary>
public sealed class ComplementarySuppressionTests
{
    [Fact]
    public void A_fixed_cell_is_never_the_partner_even_when_it_is_the_smallest()
    {
        var total = new ProtectedCell(40) { Fixed = true };
        var small = ProtectedCell.Primary(3, 5);
        var fixedPart = new ProtectedCell(7) { Fixed = true };
        var other = new ProtectedCell(30);
        Assert.Same(other, ComplementarySuppression.Protect(total, [small, fixedPart, other]));
        Assert.False(fixedPart.Hidden);
        Assert.False(total.Hidden);
    }

    [Fact]
    public void Ones_under_a_fixed_total_are_exposed_and_left_to_the_level_above()
    {
        // A published country total of 3 over three communities of one returnee each: nothing below can protect them.
        var total = new ProtectedCell(3) { Fixed = true };
        IReadOnlyList<ProtectedCell> parts = [ProtectedCell.Primary(1, 5), ProtectedCell.Primary(1, 5), ProtectedCell.Primary(1, 5)];
        Assert.Null(ComplementarySuppression.ProtectRemainder(total, parts));
        var relations = new AdditiveRelations();
        relations.Add(total, parts);
        relations.Protect();
        Assert.Single(relations.Exposed());
    }

    [Fact]
    public void A_cell_that_fixed_cells_alone_give_away_gets_no_partners_and_others_still_do()
    {
        // Published above: 10 = 6 + h, so h (4) is known whatever is hidden here; x (3) is then known from 20 = h + x + y.
        var (total, part) = (new ProtectedCell(10) { Fixed = true }, new ProtectedCell(6) { Fixed = true });
        var (h, x) = (ProtectedCell.Primary(4, 5), ProtectedCell.Primary(3, 5));
        var (sum, y) = (new ProtectedCell(20), new ProtectedCell(13));
        var relations = new AdditiveRelations();
        relations.Add(total, [part, h]);
        relations.Add(sum, [h, x, y]);
        relations.Protect();
        // x needs one partner (y, the smaller); hiding more beside h would only hide the sum too and still give h away.
        Assert.True(y.Hidden);
        Assert.False(sum.Hidden);
        Assert.Same(h, Assert.Single(LinearAudit.Determined(relations.All)));
    }
}
