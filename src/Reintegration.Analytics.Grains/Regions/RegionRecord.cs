using Orleans;
using Reintegration.Analytics.Domain.Aggregation;

namespace Reintegration.Analytics.Grains.Regions;

[GenerateSerializer, Alias("RegionRecord")]
public sealed class RegionRecord
{
    [Id(0)] public Dictionary<string, CountryReport> Countries { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public long ReportVersion { get; set; }
}
