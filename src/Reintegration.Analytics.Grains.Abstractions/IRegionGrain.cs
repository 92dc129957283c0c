using Orleans;
using Reintegration.Analytics.Domain.Aggregation;

namespace Reintegration.Analytics.Grains;

/// <summary>A regional office area: merges its countries' reports and reports to the global grain.</summary>
[Alias("IRegionGrain")]
public interface IRegionGrain : IGrainWithStringKey
{
    [Alias("ReportCountry")] Task ReportCountry(CountryReport report);
    [Alias("GetReport")] Task<RegionReport> GetReport();
}
