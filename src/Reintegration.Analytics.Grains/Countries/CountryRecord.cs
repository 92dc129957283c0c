using Orleans;
using Reintegration.Analytics.Domain.Records;

namespace Reintegration.Analytics.Grains.Countries;

/// <summary>What a country stores itself: its structural assessments. Community reports are rebuilt on activation.</summary>
[GenerateSerializer, Alias("CountryRecord")]
public sealed class CountryRecord
{
    [Id(0)] public Dictionary<string, StructuralAssessment> Assessments { get; set; } = new(StringComparer.Ordinal);
}
