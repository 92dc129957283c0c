using Orleans;
using Orleans.Concurrency;
using Reintegration.Analytics.Domain.Aggregation;

namespace Reintegration.Analytics.Grains;

/// <summary>The whole programme (one grain, key <see cref="GrainKeys.GlobalKey"/>): merges the regions' reports.</summary>
[Alias("IGlobalGrain")]
public interface IGlobalGrain : IGrainWithStringKey
{
    [Alias("ReportRegion")] Task ReportRegion(RegionReport report);
    [Alias("GetReport")] Task<GlobalReport> GetReport();

    /// <summary>
    /// Rebuilds every aggregate from the store, top-down, after a silo died: communities that lived
    /// there may have taken contributions they had not reported yet.
    /// </summary>
    [OneWay, Alias("Resync")] Task Resync();
}
