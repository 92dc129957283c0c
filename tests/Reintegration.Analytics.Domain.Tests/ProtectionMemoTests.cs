using CsCheck;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Snapshots;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Domain.Tests;

/// <summary>
/// The live table protects the programme again with the decisions of the last protection (<see cref="ProtectionMemo"/>):
/// on random programmes whose countries change between protections, every unit hides exactly what protecting afresh hides
/// (the live table one country family at a time, afresh as snapshots do, several at once).
/// </summary>
public sealed class ProtectionMemoTests
{
    [Fact]
    public void Protecting_again_with_a_memo_hides_what_protecting_afresh_hides() =>
        Gen.Select(SnapshotTableTests.Programmes(), SnapshotTableTests.Programmes(), Gen.Int[2, 6]).Sample((a, b, k) =>
        {
            var memo = new ProtectionMemo();
            var today = HistoryGenerator.Today;
            var reusedAny = false;
            foreach (var programme in new[] { a, a, Changed(a, b), a, Changed(a, b) })
            {
                AssertSame(ProtectedProgramme.Protect(programme, today, k),
                    ProtectedProgramme.Protect(programme, today, k, memo, parallelism: 1));
                reusedAny |= memo.LastBuild.Reused > 0;
            }
            Assert.True(reusedAny, "the memo was never used");
            // Another day or k: nothing of the memo holds.
            AssertSame(ProtectedProgramme.Protect(a, today.AddDays(1), k), ProtectedProgramme.Protect(a, today.AddDays(1), k, memo));
            Assert.Equal(0, memo.LastBuild.Reused);
        }, iter: 100);

    [Fact]
    public void A_family_prepared_beside_the_protections_is_taken_and_hides_what_protecting_afresh_hides()
    {
        var (spared, underRegion) = (0, 0);
        Gen.Select(SnapshotTableTests.Programmes(), SnapshotTableTests.Programmes(), Gen.Int[2, 6]).Sample((a, b, k) =>
        {
            var (offered, alone) = (new ProtectionMemo(), new ProtectionMemo());
            var today = HistoryGenerator.Today;
            var before = ProtectedProgramme.Protect(a, today, k, offered, parallelism: 1);
            ProtectedProgramme.Protect(a, today, k, alone, parallelism: 1);
            var changed = Changed(a, b);
            // Prepared as the live table does: under what its region hid beyond its own family last time too.
            foreach (var country in changed)
            {
                var byRegion = before.HiddenByRegion(country.Country);
                offered.Offer(ProtectedProgramme.Prepare(country, today, k, byRegion));
                if (byRegion.Cells.Count > 0) underRegion++;
            }
            // Families prepared for other figures, another day or another k are not taken.
            offered.Offer(ProtectedProgramme.Prepare(a[^1] with { Communities = [] }, today, k));
            offered.Offer(ProtectedProgramme.Prepare(changed[^1], today.AddDays(1), k));
            offered.Offer(ProtectedProgramme.Prepare(changed[^1], today, k + 1));
            var expected = ProtectedProgramme.Protect(changed, today, k);
            AssertSame(expected, ProtectedProgramme.Protect(changed, today, k, offered, parallelism: 1));
            AssertSame(expected, ProtectedProgramme.Protect(changed, today, k, alone, parallelism: 1));
            Assert.True(offered.LastBuild.Protected <= alone.LastBuild.Protected);
            if (offered.LastBuild.Protected < alone.LastBuild.Protected) spared++;
        }, iter: 100);
        Assert.True(spared > 0, "no prepared family was ever taken");
        Assert.True(underRegion > 0, "no family was ever prepared under cells its region hid");
    }

    /// <summary>The first country of <paramref name="a"/> with its communities' figures taken from <paramref name="b"/>'s (a new version).</summary>
    private static IReadOnlyList<SnapshotCountry> Changed(IReadOnlyList<SnapshotCountry> a, IReadOnlyList<SnapshotCountry> b)
    {
        var others = b.SelectMany(c => c.Communities).ToList();
        var first = a[0] with
        {
            Communities = a[0].Communities.Select((c, i) => c with
            {
                Summary = others.Count > 0 ? others[i % others.Count].Summary : AggregateSummary.MergeAll([]),
                Version = c.Version + 1,
            }).ToList(),
        };
        return [first, .. a.Skip(1)];
    }

    private static void AssertSame(ProtectedProgramme expected, ProtectedProgramme actual)
    {
        Assert.Equal(expected.Global.Hidden.Cells.Order(), actual.Global.Hidden.Cells.Order());
        foreach (var (code, region) in expected.Regions)
            Assert.Equal(region.Hidden.Cells.Order(), actual.Regions[code].Hidden.Cells.Order());
        foreach (var (code, country) in expected.Countries)
            Assert.Equal(country.Hidden.Cells.Order(), actual.Countries[code].Hidden.Cells.Order());
        Assert.Equal(expected.Communities.Keys.Order(), actual.Communities.Keys.Order());
        foreach (var (id, community) in expected.Communities)
            Assert.Equal(community.Hidden.Cells.Order(), actual.Communities[id].Hidden.Cells.Order());
    }
}
