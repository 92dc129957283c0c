using Orleans;
using Reintegration.Analytics.Domain.Records;

namespace Reintegration.Analytics.Domain.Returnees;

/// <summary>
/// One write to a returnee's record, as it is journaled: applying the journaled changes in order
/// to an earlier checkpoint of <see cref="ReturneeState"/> gives the current state.
/// </summary>
[GenerateSerializer, Immutable, Alias("ReturneeChange")]
public abstract record ReturneeChange;

[GenerateSerializer, Immutable, Alias("ProfileChange")]
public sealed record ProfileChange([property: Id(0)] ReturneeProfile Profile) : ReturneeChange;

[GenerateSerializer, Immutable, Alias("SurveyChange")]
public sealed record SurveyChange([property: Id(0)] string SurveyId, [property: Id(1)] StoredSurvey Survey) : ReturneeChange;

[GenerateSerializer, Immutable, Alias("AssistanceChange")]
public sealed record AssistanceChange([property: Id(0)] string AssistanceId, [property: Id(1)] AssistanceRecord Record) : ReturneeChange;

[GenerateSerializer, Immutable, Alias("PlanChange")]
public sealed record PlanChange([property: Id(0)] PlanDates Plan) : ReturneeChange;
