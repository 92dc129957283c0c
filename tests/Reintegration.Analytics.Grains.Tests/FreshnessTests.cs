using Microsoft.Extensions.DependencyInjection;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Grains.Aggregation;

namespace Reintegration.Analytics.Grains.Tests;

/// <summary>
/// <c>reintegration_aggregate_freshness_seconds</c> at its source: the age of the oldest change that has not
/// reached the global aggregate grows while a community cannot report, and falls back once it has.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FreshnessTests(ClusterFixture fixture)
{
    private TimeSpan OldestWait => fixture.Cluster.Silos
        .Select(s => s.ServiceProvider.GetRequiredService<AggregateFreshness>().OldestWait).Max();

    [Fact]
    public async Task The_oldest_wait_grows_while_a_report_fails_and_falls_once_it_arrives()
    {
        var grains = fixture.Grains;
        await grains.Community("fresh.stuck").PutProfile(new CommunityProfile("COM", "Moroni", null, null, null));
        await Eventually.Holds(() => Task.Run(() => Assert.True(OldestWait < TimeSpan.FromSeconds(1), $"{OldestWait} before the test")));

        fixture.InjectedFailures[(nameof(ICountryGrain.ReportCommunity), "fresh.stuck")] = 12; // about 1.2 s of failed pushes
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var result = await grains.Returnee("fresh-stuck-1").PutProfile(
            new ReturneeProfile("COM", "fresh.stuck", "male", 30, today.AddDays(-10), "avrr", null, null, []));
        Assert.Equal(WriteStatus.Applied, result.Status);

        await Eventually.Holds(() => Task.Run(() => Assert.True(OldestWait > TimeSpan.FromMilliseconds(700), $"{OldestWait} while failing"))
            , TimeSpan.FromSeconds(5));
        await Eventually.Holds(async () =>
        {
            Assert.Equal(1, (await grains.GlobalReport()).Summary.All.Returnees - await OthersAsync());
            Assert.True(OldestWait < TimeSpan.FromMilliseconds(500), $"{OldestWait} after the report arrived");
        }, TimeSpan.FromSeconds(10));
    }

    /// <summary>Returnees of every country but the Comoros, which only this test uses.</summary>
    private async Task<long> OthersAsync()
    {
        var global = await fixture.Grains.GlobalReport();
        var others = 0L;
        foreach (var country in global.Countries.Where(c => c != "COM"))
            others += (await fixture.Grains.Country(country).GetReport()).Summary.All.Returnees;
        return others;
    }
}
