using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Grains.Aggregation;

namespace Reintegration.Analytics.Grains.Regions;

/// <summary>A regional office area: merges the latest report of each of its countries and reports to the global grain.</summary>
public sealed class RegionGrain : Grain, IRegionGrain
{
    private readonly IPersistentState<RegionRecord> _record;
    private readonly PushScheduler _push;
    private AggregateSummary? _summary;

    public RegionGrain(
        [PersistentState("region", StorageNames.Aggregates)] IPersistentState<RegionRecord> record,
        IOptions<AggregationOptions> options)
    {
        _record = record;
        _push = new PushScheduler(this, options.Value.PushDelay, ReportAsync);
    }

    private string Region => GrainKeys.IdOf(this.GetPrimaryKeyString());
    private RegionRecord State => _record.State;

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _push.FlushAsync();
        await _record.WriteStateAsync(); // see docs/ARCHITECTURE.md: aggregates are checkpointed when they go idle, not per change
    }

    public Task ReportCountry(CountryReport report)
    {
        if (State.Countries.TryGetValue(report.Country, out var held) && held.Version >= report.Version)
            return Task.CompletedTask;
        State.Countries[report.Country] = report;
        _summary = null;
        _push.Schedule();
        return Task.CompletedTask;
    }

    public Task<RegionReport> GetReport() => Task.FromResult(BuildReport(State.ReportVersion));

    private async Task ReportAsync()
    {
        State.ReportVersion = ReportVersions.Next(State.ReportVersion);
        await GrainFactory.Global().ReportRegion(BuildReport(State.ReportVersion));
    }

    private RegionReport BuildReport(long version)
    {
        _summary ??= AggregateSummary.MergeAll(State.Countries.Values.Select(c => c.Summary));
        return new RegionReport(Region, _summary, State.Countries.Keys.Order(StringComparer.Ordinal).ToList(), version);
    }
}
