using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Grains.Aggregation;
using Reintegration.Analytics.Grains.Storage;

namespace Reintegration.Analytics.Grains.Regions;

/// <summary>
/// A regional office area: merges the latest report of each of its countries and reports to the
/// global grain. Holds nothing durable: on activation it asks its countries to report.
/// </summary>
public sealed class RegionGrain : Grain, IRegionGrain
{
    private readonly RegionMap _regions;
    private readonly ICommunityDirectory _directory;
    private readonly PushScheduler _push;
    private readonly Dictionary<string, CountryReport> _countries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _awaited = new(StringComparer.Ordinal);
    private AggregateSummary? _summary;
    private long _reportVersion;

    public RegionGrain(RegionMap regions, ICommunityDirectory directory, IOptions<AggregationOptions> options,
        AggregateFreshness freshness)
    {
        _regions = regions;
        _directory = directory;
        _push = new PushScheduler(this, options.Value.PushDelay, ReportAsync, freshness);
    }

    private string Region => GrainKeys.IdOf(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var country in await _directory.CountriesAsync())
            if (_regions.RegionOf(country) == Region)
            {
                _awaited.Add(country);
                await GrainFactory.Country(country).RequestReport();
            }
    }

    public async Task Resync()
    {
        foreach (var country in await _directory.CountriesAsync())
            if (_regions.RegionOf(country) == Region)
                await GrainFactory.Country(country).Resync();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _push.FlushAsync();

    public Task ReportCountry(CountryReport report)
    {
        if (_countries.TryGetValue(report.Country, out var held) && held.Version >= report.Version)
            return Task.CompletedTask;
        _countries[report.Country] = report;
        _awaited.Remove(report.Country);
        _summary = null;
        _push.Schedule(report.PendingSince);
        return Task.CompletedTask;
    }

    public Task RequestReport()
    {
        _push.Schedule();
        return Task.CompletedTask;
    }

    public Task<RegionReport> GetReport() => Task.FromResult(BuildReport(_reportVersion));

    private async Task ReportAsync(DateTimeOffset? pendingSince = null)
    {
        _reportVersion = ReportVersions.Next(_reportVersion);
        await GrainFactory.Global().ReportRegion(BuildReport(_reportVersion) with { PendingSince = pendingSince });
    }

    private RegionReport BuildReport(long version)
    {
        _summary ??= AggregateSummary.MergeAll(_countries.Values.Select(c => c.Summary));
        return new RegionReport(Region, _summary, _countries.Keys.Order(StringComparer.Ordinal).ToList(), version,
            _awaited.Count + _countries.Values.Sum(c => c.Pending));
    }
}
