using Orleans;
using Reintegration.Analytics.Domain.Disclosure;
using Reintegration.Analytics.Domain.Records;

namespace Reintegration.Analytics.Domain.Aggregation;

/// <summary>
/// What a community tells its country: its profile, the summary of its returnees and its latest
/// assessment. Reports replace earlier ones with a lower <see cref="Version"/>, so re-sending is harmless.
/// </summary>
[GenerateSerializer, Immutable, Alias("CommunityReport")]
public sealed record CommunityReport(
    [property: Id(0)] string CommunityId,
    [property: Id(1)] CommunityProfile Profile,
    [property: Id(2)] AggregateSummary Summary,
    [property: Id(3)] string? AssessmentId,
    [property: Id(4)] CommunityAssessment? Assessment,
    [property: Id(5)] long Version,
    [property: Id(6)] DateTimeOffset? PendingSince = null);

/// <summary>
/// A country's report. <c>Pending</c> counts the communities that are known to exist but have not reported since the
/// country's grain was activated (after a restart or failover); the figures are complete when it is 0.
/// </summary>
[GenerateSerializer, Immutable, Alias("CountryReport")]
public sealed record CountryReport(
    [property: Id(0)] string Country,
    [property: Id(1)] AggregateSummary Summary,
    [property: Id(2)] int Communities,
    [property: Id(3)] string? AssessmentId,
    [property: Id(4)] StructuralAssessment? Assessment,
    [property: Id(5)] long Version,
    [property: Id(6)] int Pending = 0);

/// <summary>A region as the live table merges it from its countries.</summary>
[GenerateSerializer, Immutable, Alias("RegionReport")]
public sealed record RegionReport(
    [property: Id(0)] string Region,
    [property: Id(1)] AggregateSummary Summary,
    [property: Id(2)] IReadOnlyList<string> Countries,
    [property: Id(3)] long Version,
    [property: Id(4)] int Pending = 0);

/// <summary>
/// A country's report with its communities' reports (in id order), read in one turn of the country grain so that they
/// belong together: what the live table and snapshots read.
/// </summary>
[GenerateSerializer, Immutable, Alias("CountryFamily")]
public sealed record CountryFamily(
    [property: Id(0)] CountryReport Report,
    [property: Id(1)] IReadOnlyList<CommunityReport> Communities);

[GenerateSerializer, Immutable, Alias("GlobalReport")]
public sealed record GlobalReport(
    [property: Id(0)] AggregateSummary Summary,
    [property: Id(1)] IReadOnlyList<string> Regions,
    [property: Id(2)] IReadOnlyList<string> Countries,
    [property: Id(3)] int Pending = 0);

/// <summary>
/// A unit's report with the cells that protection hid in it (SPEC §4), as the live table holds it: the figures are rendered
/// for <see cref="Day"/>, the day the cells were protected for (follow-up statuses move with the calendar). <see cref="AsOf"/>
/// (a document's <c>asOf</c>) is the moment the figures are current for: when the live table read them, or the time of the
/// read if no change waits; every write acknowledged two push delays before it is in.
/// </summary>
[GenerateSerializer, Immutable, Alias("ProtectedReport`1")]
public sealed record ProtectedReport<TReport>(
    [property: Id(0)] TReport Report, [property: Id(1)] HiddenCells Hidden, [property: Id(2)] DateOnly Day,
    [property: Id(3)] DateTimeOffset? AsOf = null);
