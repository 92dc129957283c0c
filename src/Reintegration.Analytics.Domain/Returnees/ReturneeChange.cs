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

/// <summary>
/// Changes no data: journaled only to derive the contribution again under the current rules and store it
/// (a membership row written by an older version; see <see cref="ReturneeContribution.Derivation"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("ContributionRefresh")]
public sealed record ContributionRefresh : ReturneeChange;
