using Orleans.Runtime;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Grains.Tests;

/// <summary>How updates travel up the hierarchy: quickly, across silos, and without flooding the upper grains.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PropagationTests(ClusterFixture fixture)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task A_single_survey_reaches_country_region_and_global_within_two_seconds()
    {
        var grains = fixture.Grains;
        // Only this test uses South America and sex "other", so those figures are its own.
        await grains.Community("fresh.1").PutProfile(new CommunityProfile("ARG", "Rosario 1", null, null, null));
        await grains.Returnee("fresh-1").PutProfile(Profile("ARG", "fresh.1") with { Sex = "other" });

        var acknowledged = System.Diagnostics.Stopwatch.StartNew();
        var result = await grains.Returnee("fresh-1").PutSurvey("s1", UniformSurvey.Of(Today.AddDays(-1), "m3", "5"));
        Assert.Equal(WriteStatus.Applied, result.Status);
        var acknowledgedAfter = acknowledged.Elapsed;

        var visible = await Eventually.Holds(async () =>
        {
            Assert.Equal(1, (await grains.Country("ARG").GetReport()).Summary.All.Surveyed);
            Assert.Equal(1, (await grains.RegionReport("SAM")).Summary.All.Surveyed);
            Assert.Equal(1, (await grains.GlobalReport()).Summary.BySex.GetValueOrDefault("other")?.Surveyed);
        }, TimeSpan.FromSeconds(5));

        Assert.True(visible - acknowledgedAfter < TimeSpan.FromSeconds(2), $"visible at global after {visible.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task Returnees_are_spread_over_both_silos_and_aggregates_agree()
    {
        var grains = fixture.Grains;
        await grains.Community("spread.1").PutProfile(new CommunityProfile("CPV", "Praia 1", null, null, null));
        await grains.Community("spread.2").PutProfile(new CommunityProfile("CPV", "Mindelo 2", null, null, null));
        for (var i = 0; i < 60; i++)
        {
            await grains.Returnee($"spread-{i}").PutProfile(Profile("CPV", i % 2 == 0 ? "spread.1" : "spread.2"));
            await grains.Returnee($"spread-{i}").PutSurvey("s1", UniformSurvey.Of(Today.AddDays(-3), "m3", i % 3 == 0 ? "1" : "5"));
        }

        var management = grains.GetGrain<IManagementGrain>(0);
        var statistics = await management.GetSimpleGrainStatistics();
        var silosWithReturnees = statistics
            .Where(s => s.GrainType.Contains("ReturneeGrain", StringComparison.Ordinal) && s.ActivationCount > 0)
            .Select(s => s.SiloAddress).Distinct().Count();
        Assert.Equal(2, silosWithReturnees);

        await Eventually.Holds(async () =>
        {
            var country = await grains.Country("CPV").GetReport();
            var communities = await Task.WhenAll(grains.Community("spread.1").GetReport(), grains.Community("spread.2").GetReport());
            Assert.Equal(60, country.Summary.All.Returnees);
            Assert.Equal(communities.Sum(c => c!.Summary.All.Composite.Sum), country.Summary.All.Composite.Sum, 9);
            Assert.Equal(20.0 / 60, 1 - (double)country.Summary.All.Sustainable / country.Summary.All.Composite.Count, 9);
        });
    }

    [Fact]
    public async Task Upper_grains_receive_bounded_traffic_however_many_writes_arrive()
    {
        var grains = fixture.Grains;
        const int communities = 5, returnees = 100, surveysEach = 10;
        for (var c = 0; c < communities; c++)
            await grains.Community($"busy.{c}").PutProfile(new CommunityProfile("TGO", $"Lomé {c}", null, null, null));
        await Task.WhenAll(Enumerable.Range(0, returnees).Select(i => grains.Returnee($"busy-{i}").PutProfile(Profile("TGO", $"busy.{i % communities}"))));

        var reportsBefore = Count("ICountryGrain.ReportCommunity");
        var tableBefore = Count("ILiveTableGrain.CountryChanged");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var round = 0; round < surveysEach; round++)
            await Task.WhenAll(Enumerable.Range(0, returnees).Select(i =>
                grains.Returnee($"busy-{i}").PutSurvey($"s{round}", UniformSurvey.Of(Today.AddDays(-round - 1), "m3", (1 + (i + round) % 5).ToString()))));
        await Eventually.Holds(async () => Assert.Equal(returnees, (await grains.Country("TGO").GetReport()).Summary.All.Surveyed));
        await Task.Delay(ClusterFixture.PushDelay * 4);
        var elapsed = clock.Elapsed;

        // Each community reports at most once per push delay (plus one trailing push), whatever the write rate.
        var pushWindows = (long)Math.Ceiling(elapsed / ClusterFixture.PushDelay) + 1;
        var countryReports = Count("ICountryGrain.ReportCommunity") - reportsBefore;
        var tableReports = Count("ILiveTableGrain.CountryChanged") - tableBefore;
        var countries = (await grains.GlobalReport()).Countries.Count;
        Assert.True(countryReports <= communities * pushWindows, $"{countryReports} community reports for {returnees * surveysEach} surveys in {elapsed.TotalMilliseconds:F0} ms");
        Assert.True(countryReports < returnees * surveysEach / 4, $"{countryReports} community reports for {returnees * surveysEach} surveys");
        Assert.True(tableReports <= countries * pushWindows, $"{tableReports} country reports reached the live table");
    }

    private long Count(string call) => fixture.Calls.GetValueOrDefault(call);

    private static ReturneeProfile Profile(string country, string communityId) =>
        new(country, communityId, "female", 30, Today.AddDays(-100), "avrr", null, null, []);
}
