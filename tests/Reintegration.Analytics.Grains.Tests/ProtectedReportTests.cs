using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Snapshots;

namespace Reintegration.Analytics.Grains.Tests;

/// <summary>
/// Every level hands out its report with the cells protection hides (k = 5 in the test cluster), through the cluster's
/// serialization, and protects again once its figures change.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ProtectedReportTests(ClusterFixture fixture)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task Every_level_hides_a_small_count_until_it_reaches_k()
    {
        var grains = fixture.Grains;
        // Only this test uses Bhutan, so its figures are its own.
        await grains.Community("guard.1").PutProfile(new CommunityProfile("BTN", "Thimphu 1", null, null, null));
        for (var i = 0; i < 3; i++) await grains.Returnee($"guard-{i}").PutProfile(Profile($"guard.1"));

        await Eventually.Holds(async () =>
        {
            var country = await grains.Country("BTN").GetProtectedReport(Today);
            Assert.Equal(3, country.Report.Summary.All.Returnees);
            Assert.True(country.Hidden.Contains("returnees", SnapshotGroups.Total));
            var community = (await grains.Country("BTN").GetProtectedCommunities(Today)).Single();
            Assert.True(community.Hidden.Contains("returnees", SnapshotGroups.Total));
            var own = await grains.Community("guard.1").GetProtectedReport(Today);
            Assert.True(own!.Hidden.Contains("returnees", SnapshotGroups.Total));
        }, TimeSpan.FromSeconds(5));

        for (var i = 3; i < 6; i++) await grains.Returnee($"guard-{i}").PutProfile(Profile($"guard.1"));
        await Eventually.Holds(async () =>
        {
            var country = await grains.Country("BTN").GetProtectedReport(Today);
            Assert.Equal(6, country.Report.Summary.All.Returnees);
            Assert.False(country.Hidden.Contains("returnees", SnapshotGroups.Total));
            var own = await grains.Community("guard.1").GetProtectedReport(Today);
            Assert.False(own!.Hidden.Contains("returnees", SnapshotGroups.Total));
            var region = await grains.Region("ASP").GetProtectedReport(Today);
            Assert.False(region.Hidden.Contains("returnees", SnapshotGroups.Total));
            Assert.NotNull(await grains.Global().GetProtectedReport(Today));
        }, TimeSpan.FromSeconds(5));
    }

    private static ReturneeProfile Profile(string communityId) =>
        new("BTN", communityId, "female", 30, Today.AddDays(-100), "avrr", null, null, []);
}
