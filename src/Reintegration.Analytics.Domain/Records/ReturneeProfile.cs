using Orleans;

namespace Reintegration.Analytics.Domain.Records;

/// <summary>A returnee's pseudonymous profile (SPEC §3.1 <c>PUT /returnees/{caseId}</c>).</summary>
[GenerateSerializer, Immutable, Alias("ReturneeProfile")]
public sealed record ReturneeProfile(
    [property: Id(0)] string Country,
    [property: Id(1)] string CommunityId,
    [property: Id(2)] string Sex,
    [property: Id(3)] int? AgeAtReturn,
    [property: Id(4)] DateOnly ReturnDate,
    [property: Id(5)] string ReturnType,
    [property: Id(6)] string? HostCountry,
    [property: Id(7)] int? MonthsAbroad,
    [property: Id(8)] IReadOnlyList<string> Vulnerabilities)
{
    public bool ContentEquals(ReturneeProfile other) =>
        this with { Vulnerabilities = [] } == other with { Vulnerabilities = [] }
        && Vulnerabilities.SequenceEqual(other.Vulnerabilities);
}
