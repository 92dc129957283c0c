using Orleans;
using Reintegration.Analytics.Domain.Records;

namespace Reintegration.Analytics.Grains.Communities;

/// <summary>What a community stores itself (rare writes). Its members' contributions live in the journal's membership rows.</summary>
[GenerateSerializer, Alias("CommunityRecord")]
public sealed class CommunityRecord
{
    [Id(0)] public CommunityProfile? Profile { get; set; }
    [Id(1)] public Dictionary<string, CommunityAssessment> Assessments { get; set; } = new(StringComparer.Ordinal);
}
