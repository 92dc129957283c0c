using Orleans;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Returnees;

namespace Reintegration.Analytics.Grains.Communities;

[GenerateSerializer, Alias("CommunityRecord")]
public sealed class CommunityRecord
{
    [Id(0)] public CommunityProfile? Profile { get; set; }
    [Id(1)] public Dictionary<string, CommunityAssessment> Assessments { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The latest contribution of every returnee living here, by case id.</summary>
    [Id(2)] public Dictionary<string, ReturneeContribution> Contributions { get; set; } = new(StringComparer.Ordinal);

    [Id(3)] public long ReportVersion { get; set; }
}
