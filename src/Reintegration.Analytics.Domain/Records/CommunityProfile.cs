using Orleans;

namespace Reintegration.Analytics.Domain.Records;

/// <summary>A place of return (SPEC §3.1 <c>PUT /communities/{communityId}</c>).</summary>
[GenerateSerializer, Immutable, Alias("CommunityProfile")]
public sealed record CommunityProfile(
    [property: Id(0)] string Country,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Admin1,
    [property: Id(3)] double? Latitude,
    [property: Id(4)] double? Longitude);
