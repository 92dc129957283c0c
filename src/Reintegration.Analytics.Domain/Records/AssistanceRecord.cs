using Orleans;

namespace Reintegration.Analytics.Domain.Records;

/// <summary>One piece of reintegration assistance (SPEC §3.1 <c>PUT /returnees/{caseId}/assistance/{assistanceId}</c>).</summary>
[GenerateSerializer, Immutable, Alias("AssistanceRecord")]
public sealed record AssistanceRecord(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] string Type,
    [property: Id(2)] string Modality,
    [property: Id(3)] decimal? AmountUsd,
    [property: Id(4)] int? Satisfaction);
