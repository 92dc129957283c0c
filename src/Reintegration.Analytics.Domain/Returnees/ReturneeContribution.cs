using Reintegration.Analytics.Domain.FollowUp;
using Orleans;
using Reintegration.Analytics.Domain.Scoring;

namespace Reintegration.Analytics.Domain.Returnees;

/// <summary>
/// Everything one returnee adds to the aggregates of its community and every unit above it:
/// a small, self-contained value derived from the returnee's full state. Parents keep the latest
/// contribution per case and recompute, so sending the same contribution twice changes nothing.
/// <see cref="AssistedByCurrentSurvey"/> names the assistance types with a record dated on or before
/// the current survey ("what works" credits only assistance that came before the outcome it is compared on).
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
    [property: Id(14)] long Version,
    [property: Id(15)] DateOnly? LastSurveyDate,
    [property: Id(16)] IReadOnlyList<string> AssistedByCurrentSurvey,
    [property: Id(17)] int Derivation)
{
    /// <summary>
    /// The version of the rules that derived contributions. Rows stored under older rules read back with a
    /// lower number (0: before follow-up and the what-works timing rule, with no <see cref="AssistedByCurrentSurvey"/>);
    /// a community that loads one asks the returnee to derive and store it again (<see cref="ContributionRefresh"/>).
    /// </summary>
    public const int CurrentDerivation = 1;

    public bool IsStale => Derivation < CurrentDerivation;

    /// <summary>
    /// The same contribution with its vocabulary strings (community, country, sex, age band, return type, vulnerabilities,
    /// plan statuses, assistance types) and its lists of them shared with every other contribution (<see cref="SharedValues"/>).
    /// A community holds one contribution per returnee while it is active, and each deserialized copy would otherwise carry
    /// its own instances of the same few values: about 400 bytes per returnee, 400 MB at 1,000,000 returnees (issue 10).
    /// </summary>
    public ReturneeContribution WithSharedValues() => this with
    {
        CommunityId = SharedValues.Of(CommunityId),
        Country = SharedValues.Of(Country),
        Sex = SharedValues.Of(Sex),
        AgeBand = SharedValues.Of(AgeBand),
        ReturnType = SharedValues.Of(ReturnType),
        Vulnerabilities = Shared(Vulnerabilities),
        RemigrationIntention = RemigrationIntention is null ? null : SharedValues.Of(RemigrationIntention),
        PlanStatuses = Shared(PlanStatuses),
        Assistance = Assistance is null ? null! : Assistance.Count == 0 ? []
            : Assistance.Select(a => a with { Type = SharedValues.Of(a.Type) }).ToArray(),
        AssistedByCurrentSurvey = Shared(AssistedByCurrentSurvey),
    };

    // Rows stored under older rules may lack a list (null): it stays so, for the refresh to replace.
    private static IReadOnlyList<string> Shared(IReadOnlyList<string>? values) =>
        values is null ? null! : SharedValues.Of(values);

    /// <summary>The follow-up status on <paramref name="today"/> (SPEC §2.4).</summary>
    public string FollowUpStatus(DateOnly today) => FollowUpWindow.StatusOf(ReturnDate, HasTwelveMonthFollowUp, today);
}

/// <summary>A returnee's assistance of one type: how many records and how many US dollars.</summary>
[GenerateSerializer, Immutable, Alias("AssistanceTotal")]
public sealed record AssistanceTotal(
    [property: Id(0)] string Type,
    [property: Id(1)] int Records,
    [property: Id(2)] decimal AmountUsd);
