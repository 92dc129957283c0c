using Orleans;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Scoring;

namespace Reintegration.Analytics.Grains;

/// <summary>One returnee as <c>GET /returnees/{caseId}</c> shows it.</summary>
[GenerateSerializer, Immutable, Alias("ReturneeView")]
public sealed record ReturneeView(
    [property: Id(0)] string CaseId,
    [property: Id(1)] ReturneeProfile Profile,
    [property: Id(2)] string AgeBand,
    [property: Id(3)] PlanDates Plan,
    [property: Id(4)] IReadOnlyList<SurveyView> Surveys,
    [property: Id(5)] string? CurrentSurveyId,
    [property: Id(6)] string? BaselineSurveyId,
    [property: Id(7)] SurveyScores? Current,
    [property: Id(8)] double? Improvement,
    [property: Id(9)] bool TwelveMonthFollowUp,
    [property: Id(10)] IReadOnlyList<AssistanceView> Assistance,
    [property: Id(11)] ReturneeFollowUp FollowUp);

/// <summary>The case's 12-month follow-up on the day it was read: status and window (SPEC §2.4).</summary>
[GenerateSerializer, Immutable, Alias("ReturneeFollowUp")]
public sealed record ReturneeFollowUp(
    [property: Id(0)] string Status,
    [property: Id(1)] DateOnly WindowOpens,
    [property: Id(2)] DateOnly WindowCloses);

[GenerateSerializer, Immutable, Alias("SurveyView")]
public sealed record SurveyView(
    [property: Id(0)] string SurveyId,
    [property: Id(1)] DateOnly Date,
    [property: Id(2)] string Round,
    [property: Id(3)] string Instrument,
    [property: Id(4)] SurveyScores Scores,
    [property: Id(5)] string? RemigrationIntention);

[GenerateSerializer, Immutable, Alias("AssistanceView")]
public sealed record AssistanceView(
    [property: Id(0)] string AssistanceId,
    [property: Id(1)] AssistanceRecord Record);
