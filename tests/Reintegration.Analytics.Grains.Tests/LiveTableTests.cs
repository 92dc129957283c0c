using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Snapshots;
using Reintegration.Analytics.Grains.LiveTable;

namespace Reintegration.Analytics.Grains.Tests;

/// <summary>
/// The live table hands out every level's report with the cells protection hides (k = 5 in the test cluster), through the
/// cluster's serialization, protects again once figures change, and protects units against each other across documents
/// the way a snapshot does. A cluster of its own: which cells hide which depends on every unit of the programme.
/// </summary>
public sealed class LiveTableTests(LiveTableFixture fixture) : IClassFixture<LiveTableFixture>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task Every_level_hides_a_small_count_until_it_reaches_k()
    {
        var grains = fixture.Grains;
        var table = grains.LiveTable();
        // Only this test uses Bhutan, so its figures are its own.
        await grains.Community("guard.1").PutProfile(new CommunityProfile("BTN", "Thimphu 1", null, null, null));
        for (var i = 0; i < 3; i++) await grains.Returnee($"guard-{i}").PutProfile(Profile("BTN", "guard.1", i));

        await Eventually.Holds(async () =>
        {
            var country = (await table.GetCountries(["BTN"], Today)).Single();
            Assert.Equal(3, country.Report.Summary.All.Returnees);
            Assert.True(country.Hidden.Contains("returnees", SnapshotGroups.Total));
            var community = (await table.GetCommunities("BTN", Today)).Single();
            Assert.True(community.Hidden.Contains("returnees", SnapshotGroups.Total));
            var single = await table.GetCommunity("guard.1", Today);
            Assert.Equal(community.Report.Version, single!.Report.Version);
            Assert.True(single.Hidden.Cells.SetEquals(community.Hidden.Cells));
        }, TimeSpan.FromSeconds(5));

        for (var i = 3; i < 6; i++) await grains.Returnee($"guard-{i}").PutProfile(Profile("BTN", "guard.1", i));
        await Eventually.Holds(async () =>
        {
            var country = (await table.GetCountries(["BTN"], Today)).Single();
            Assert.Equal(6, country.Report.Summary.All.Returnees);
            Assert.False(country.Hidden.Contains("returnees", SnapshotGroups.Total));
            var own = await table.GetCommunity("guard.1", Today);
            Assert.False(own!.Hidden.Contains("returnees", SnapshotGroups.Total));
            Assert.Contains("BTN", (await table.GetRegion("ASP", Today)).Report.Countries);
            Assert.Contains("BTN", (await table.GetGlobal(Today)).Report.Countries);
        }, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_small_community_is_hidden_with_a_partner_so_the_country_total_does_not_give_it_back()
    {
        // Protected alone, only the community of 3 would be hidden, and the country's shown total minus the other two
        // communities' shown totals would be its count. The table hides a second community beside it (as a snapshot does).
        var grains = fixture.Grains;
        var table = grains.LiveTable();
        var sizes = new[] { ("mli.a", 3), ("mli.b", 20), ("mli.c", 30) };
        foreach (var (community, size) in sizes)
        {
            await grains.Community(community).PutProfile(new CommunityProfile("MLI", community, null, null, null));
            for (var i = 0; i < size; i++) await grains.Returnee($"{community}-{i}").PutProfile(Profile("MLI", community, i));
        }

        await Eventually.Holds(async () =>
        {
            var country = (await table.GetCountries(["MLI"], Today)).Single();
            Assert.Equal(53, country.Report.Summary.All.Returnees);
            var hidden = (await table.GetCommunities("MLI", Today))
                .Where(c => c.Hidden.Contains("returnees", SnapshotGroups.Total)).Select(c => c.Report.CommunityId).ToList();
            Assert.Contains("mli.a", hidden);
            // The other test's region may be small enough for the globe's family to hide this region's total (and so the country's,
            // its only child) as a partner; while the country's total is shown, the smallest other community is hidden with mli.a.
            if (!country.Hidden.Contains("returnees", SnapshotGroups.Total)) Assert.Equal(["mli.a", "mli.b"], hidden);
        }, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_large_country_and_a_small_one_changing_together_both_show_their_changes()
    {
        // Niger's family is large once the table has read it (the second round goes through the lane for large families);
        // Chad's goes through the lane for small ones.
        var grains = fixture.Grains;
        var table = grains.LiveTable();
        var large = Enumerable.Range(0, FamilyLane.LargeFamily + 1).Select(i => $"ner.{i:D3}").ToList();
        foreach (var community in large)
            await grains.Community(community).PutProfile(new CommunityProfile("NER", community, null, null, null));
        await grains.Community("tcd.1").PutProfile(new CommunityProfile("TCD", "tcd.1", null, null, null));
        for (var round = 1; round <= 2; round++)
        {
            var (perCommunity, start) = (round * 2, (round - 1) * 2);
            foreach (var community in large)
                for (var i = start; i < perCommunity; i++)
                    await grains.Returnee($"{community}-{i}").PutProfile(Profile("NER", community, i));
            for (var i = start * 5; i < perCommunity * 5; i++) await grains.Returnee($"tcd-{i}").PutProfile(Profile("TCD", "tcd.1", i));
            await Eventually.Holds(async () =>
            {
                var countries = await table.GetCountries(["NER", "TCD"], Today);
                Assert.Equal(large.Count * perCommunity, countries[0].Report.Summary.All.Returnees);
                Assert.Equal(large.Count, countries[0].Report.Communities);
                Assert.Equal(perCommunity * 5, countries[1].Report.Summary.All.Returnees);
                Assert.Equal(large.Count, (await table.GetCommunities("NER", Today)).Count);
            }, TimeSpan.FromSeconds(10));
        }
    }

    private static ReturneeProfile Profile(string country, string communityId, int i) =>
        new(country, communityId, i % 2 == 0 ? "female" : "male", 30, Today.AddDays(-100), "avrr", null, null, []);
}

/// <summary>A cluster holding only <see cref="LiveTableTests"/>' programme.</summary>
public sealed class LiveTableFixture : ClusterFixture;
