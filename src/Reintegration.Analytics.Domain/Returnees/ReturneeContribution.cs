using Orleans;
using Reintegration.Analytics.Domain.Scoring;

namespace Reintegration.Analytics.Domain.Returnees;

/// <summary>
/// Everything one returnee adds to the aggregates of its community and every unit above it:
/// a small, self-contained value derived from the returnee's full state. Parents keep the latest
/// contribution per case and recompute, so sending the same contribution twice changes nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("ReturneeContribution")]
public sealed record ReturneeContribution(
    [property: Id(0)] string CaseId,
    [property: Id(1)] string CommunityId,
    [property: Id(2)] string Country,
    [property: Id(3)] string Sex,
    [property: Id(4)] string AgeBand,
    [property: Id(5)] string ReturnType,
    [property: Id(6)] IReadOnlyList<string> Vulnerabilities,
    [property: Id(7)] DateOnly ReturnDate,
    [property: Id(8)] SurveyScores? Current,
    [property: Id(9)] double? Improvement,
    [property: Id(10)] bool HasTwelveMonthFollowUp,
    [property: Id(11)] string? RemigrationIntention,
    [property: Id(12)] IReadOnlyList<string> PlanStatuses,
    [property: Id(13)] IReadOnlyList<AssistanceTotal> Assistance,
    [property: Id(14)] long Version);

/// <summary>A returnee's assistance of one type: how many records and how many US dollars.</summary>
[GenerateSerializer, Immutable, Alias("AssistanceTotal")]
public sealed record AssistanceTotal(
    [property: Id(0)] string Type,
    [property: Id(1)] int Records,
    [property: Id(2)] decimal AmountUsd);
