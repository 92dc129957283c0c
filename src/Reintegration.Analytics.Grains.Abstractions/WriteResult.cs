using Orleans;
using Reintegration.Analytics.Domain.Scoring;
using Reintegration.Analytics.Domain.Validation;

namespace Reintegration.Analytics.Grains;

/// <summary>How a grain answered a write. Grains return outcomes rather than throw for expected cases.</summary>
[GenerateSerializer, Alias("WriteStatus")]
public enum WriteStatus
{
    /// <summary>The write changed the record.</summary>
    Applied,
    /// <summary>The same id with the same content was already there (idempotent replay).</summary>
    Unchanged,
    /// <summary>The record the write refers to does not exist (e.g. a survey for an unregistered case).</summary>
    NotFound,
    /// <summary>The content is invalid given the stored state (e.g. an unknown community).</summary>
    Invalid,
    /// <summary>The write conflicts with an id's identity (e.g. a community moved to another country).</summary>
    Conflict,
    /// <summary>The caller may not write there (a country outside its scope).</summary>
    Forbidden,
}

[GenerateSerializer, Immutable, Alias("WriteResult")]
public sealed record WriteResult(
    [property: Id(0)] WriteStatus Status,
    [property: Id(1)] FieldError? Error = null,
    [property: Id(2)] SurveyScores? Scores = null)
{
    public static readonly WriteResult Applied = new(WriteStatus.Applied);
    public static readonly WriteResult Unchanged = new(WriteStatus.Unchanged);

    public static WriteResult NotFound(string field, string message) => new(WriteStatus.NotFound, new FieldError(field, message));
    public static WriteResult Invalid(string field, string message) => new(WriteStatus.Invalid, new FieldError(field, message));
    public static WriteResult Conflict(string field, string message) => new(WriteStatus.Conflict, new FieldError(field, message));
    public static WriteResult Forbidden(string field, string message) => new(WriteStatus.Forbidden, new FieldError(field, message));

    /// <summary>A write for a case that is not registered (or, for a scoped caller, registered outside its scope).</summary>
    public static WriteResult CaseNotRegistered(string caseId) =>
        NotFound("caseId", $"returnee '{caseId}' is not registered; register it first with PUT /api/v1/returnees/{caseId}");

    /// <summary>A returnee placed in a community that is not registered (or not visible to the caller).</summary>
    public static WriteResult UnknownCommunity(string communityId) =>
        Invalid("communityId",
            $"community '{communityId}' is not registered; register it first with PUT /api/v1/communities/{communityId}");

    /// <summary>A write about a community that is not registered (or not visible to the caller).</summary>
    public static WriteResult CommunityNotRegistered(string communityId) =>
        NotFound("communityId", $"community '{communityId}' is not registered");

    public bool Succeeded => Status is WriteStatus.Applied or WriteStatus.Unchanged;
}
