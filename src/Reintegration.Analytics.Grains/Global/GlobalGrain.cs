using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Grains.Aggregation;

namespace Reintegration.Analytics.Grains.Global;

/// <summary>The whole programme: merges the regions' reports. Receives at most one report per region per push delay.</summary>
public sealed class GlobalGrain : Grain, IGlobalGrain
{
    private readonly IPersistentState<GlobalRecord> _record;
    private AggregateSummary? _summary;

    public GlobalGrain(
        [PersistentState("global", StorageNames.Aggregates)] IPersistentState<GlobalRecord> record
    )
    {
        _record = record;
    }

    private GlobalRecord State => _record.State;

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _record.WriteStateAsync();

    public Task ReportRegion(RegionReport report)
    {
        if (State.Regions.TryGetValue(report.Region, out var held) && held.Version >= report.Version)
            return Task.CompletedTask;
        State.Regions[report.Region] = report;
        _summary = null;
        return Task.CompletedTask;
    }

    public Task<GlobalReport> GetReport()
    {
        _summary ??= AggregateSummary.MergeAll(State.Regions.Values.Select(r => r.Summary));
        var regions = State.Regions.Keys.Order(StringComparer.Ordinal).ToList();
        var countries = State.Regions.Values.SelectMany(r => r.Countries).Order(StringComparer.Ordinal).ToList();
        return Task.FromResult(new GlobalReport(_summary, regions, countries));
    }
}
