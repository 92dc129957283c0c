using Orleans;
using Reintegration.Analytics.Domain.Aggregation;

namespace Reintegration.Analytics.Grains;

/// <summary>The whole programme (one grain, key <see cref="GrainKeys.GlobalKey"/>): merges the regions' reports.</summary>
[Alias("IGlobalGrain")]
public interface IGlobalGrain : IGrainWithStringKey
{
    [Alias("ReportRegion")] Task ReportRegion(RegionReport report);
    [Alias("GetReport")] Task<GlobalReport> GetReport();
}
