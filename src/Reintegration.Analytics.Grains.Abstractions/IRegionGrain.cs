using Orleans.Concurrency;
using Orleans;
using Reintegration.Analytics.Domain.Aggregation;

namespace Reintegration.Analytics.Grains;

/// <summary>A regional office area: merges its countries' reports and reports to the global grain.</summary>
[Alias("IRegionGrain")]
public interface IRegionGrain : IGrainWithStringKey
{
    [Alias("ReportCountry")] Task ReportCountry(CountryReport report);
    /// <summary>Asks for a report to the global grain soon (used by the global grain rebuilding itself after activation).</summary>
    [OneWay, Alias("RequestReport")] Task RequestReport();

    /// <summary>Passes a resync on to every country of the region (after another silo died).</summary>
    [OneWay, Alias("Resync")] Task Resync();

    [Alias("GetReport")] Task<RegionReport> GetReport();
}
