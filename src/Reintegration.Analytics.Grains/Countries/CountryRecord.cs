using Orleans;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Records;

namespace Reintegration.Analytics.Grains.Countries;

[GenerateSerializer, Alias("CountryRecord")]
public sealed class CountryRecord
{
    [Id(0)] public Dictionary<string, CommunityReport> Communities { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public Dictionary<string, StructuralAssessment> Assessments { get; set; } = new(StringComparer.Ordinal);
    [Id(2)] public long ReportVersion { get; set; }
}
