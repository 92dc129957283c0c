using System.Text.Json.Serialization;
using Orleans;
using Reintegration.Analytics.Domain.Returnees;

namespace Reintegration.Analytics.Domain.FollowUp;

/// <summary>One case to visit, as a case worker's list shows it (<c>GET /countries/{iso3}/followup</c>).</summary>
[GenerateSerializer, Immutable, Alias("FollowUpCase")]
public sealed record FollowUpCase(
    [property: Id(0)] string CaseId,
    [property: Id(1)] string CommunityId,
    [property: Id(2)] DateOnly ReturnDate,
    [property: Id(3)] DateOnly WindowOpens,
    [property: Id(4)] DateOnly WindowCloses,
    [property: Id(5)] DateOnly? LastSurveyDate)
{
    public static FollowUpCase Of(ReturneeContribution c) => new(
        c.CaseId, c.CommunityId, c.ReturnDate, FollowUpWindow.Opens(c.ReturnDate), FollowUpWindow.Closes(c.ReturnDate), c.LastSurveyDate);

    [JsonIgnore] public FollowUpCursor Position => new(WindowCloses, CaseId);
}
