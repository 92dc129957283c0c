using Microsoft.Extensions.Options;
using Orleans;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Grains.Aggregation;
using Reintegration.Analytics.Grains.Storage;

namespace Reintegration.Analytics.Grains.Global;

/// <summary>
/// The whole programme: merges the regions' reports (at most one per region per push delay).
/// Holds nothing durable: on activation it asks every region with countries to report.
/// </summary>
public sealed class GlobalGrain(RegionMap regions, ICommunityDirectory directory) : Grain, IGlobalGrain
{
    private readonly Dictionary<string, RegionReport> _regions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _awaited = new(StringComparer.Ordinal);
    private AggregateSummary? _summary;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var region in (await directory.CountriesAsync()).Select(regions.RegionOf).Distinct())
        {
            _awaited.Add(region);
            await GrainFactory.Region(region).RequestReport();
        }
    }

    public async Task Resync()
    {
        foreach (var region in (await directory.CountriesAsync()).Select(regions.RegionOf).Distinct())
            await GrainFactory.Region(region).Resync();
    }

    public Task ReportRegion(RegionReport report)
    {
        if (_regions.TryGetValue(report.Region, out var held) && held.Version >= report.Version)
            return Task.CompletedTask;
        _regions[report.Region] = report;
        _awaited.Remove(report.Region);
        _summary = null;
        return Task.CompletedTask;
    }

    public Task<GlobalReport> GetReport()
    {
        _summary ??= AggregateSummary.MergeAll(_regions.Values.Select(r => r.Summary));
        var regionNames = _regions.Keys.Order(StringComparer.Ordinal).ToList();
        var countries = _regions.Values.SelectMany(r => r.Countries).Order(StringComparer.Ordinal).ToList();
        return Task.FromResult(new GlobalReport(_summary, regionNames, countries, _awaited.Count + _regions.Values.Sum(r => r.Pending)));
    }
}
