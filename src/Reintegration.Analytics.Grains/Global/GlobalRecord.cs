using Orleans;
using Reintegration.Analytics.Domain.Aggregation;

namespace Reintegration.Analytics.Grains.Global;

[GenerateSerializer, Alias("GlobalRecord")]
public sealed class GlobalRecord
{
    [Id(0)] public Dictionary<string, RegionReport> Regions { get; set; } = new(StringComparer.Ordinal);
}
