using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Grains.Aggregation;
using Reintegration.Analytics.Grains.Storage;

namespace Reintegration.Analytics.Grains.Tests;

/// <summary>A cluster whose read model only records what the live table hands it.</summary>
public sealed class RecordingReadModelFixture : ClusterFixture
{
    public RecordingReadModel ReadModel { get; } = new();

    protected override void ReplaceServices(IServiceCollection services) => services.AddSingleton<IReadModel>(ReadModel);
}

public sealed class RecordingReadModel : IReadModel
{
    public ConcurrentQueue<CommunityAggregateDocument> Communities { get; } = new();
    public ConcurrentQueue<CountryAggregateDocument> Countries { get; } = new();

    public void Publish(CommunityAggregateDocument community) => Communities.Enqueue(community);

    public void Publish(CountryAggregateDocument country) => Countries.Enqueue(country);
}

/// <summary>
/// Read-model rows are rendered from the live table, which protects the programme again at most once per
/// <see cref="AggregationOptions.ProtectionDelay"/> (500 ms), however often communities report (issue 10): a country's row is
/// handed to the write-behind at most once per protection, and the last rows handed over hold the last figures.
/// </summary>
public sealed class ReadModelPublicationTests(RecordingReadModelFixture fixture) : IClassFixture<RecordingReadModelFixture>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task A_country_row_is_handed_over_at_most_once_per_protection_and_the_last_ones_are_current()
    {
        var grains = fixture.Grains;
        await grains.Community("rm.1").PutProfile(new CommunityProfile("TGO", "Sokodé", null, null, null));
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // the registration's own publication is over
        var before = fixture.ReadModel.Countries.Count(c => c.Country == "TGO");

        // Twelve writes spread over 1.2 s: the community reports to its country about every push delay (100 ms here).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 12; i++)
        {
            var profile = new ReturneeProfile("TGO", "rm.1", "female", 30, Today.AddDays(-40), "avrr", null, null, []);
            Assert.Equal(WriteStatus.Applied, (await grains.Returnee($"rm-{i}").PutProfile(profile)).Status);
            await Task.Delay(100);
        }
        var spread = clock.Elapsed;

        await Eventually.Holds(() =>
        {
            Assert.Equal(12, fixture.ReadModel.Countries.Last(c => c.Country == "TGO").Returnees);
            Assert.Equal(12, fixture.ReadModel.Communities.Last(c => c.CommunityId == "rm.1").Returnees);
            return Task.CompletedTask;
        });
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var publications = fixture.ReadModel.Countries.Count(c => c.Country == "TGO") - before;
        // Once per protection delay over the spread, plus one at each end; one per push would be about one per 100 ms.
        Assert.InRange(publications, 1, (int)Math.Ceiling(spread / new AggregationOptions().ProtectionDelay) + 2);
    }
}
