using System.Net.Http.Json;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Returnees;
using Reintegration.Analytics.Grains;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Host.Tests.Durability;

/// <summary>
/// Rebuilds a <see cref="ProgrammeWorld"/> from what the service serves per returnee
/// (<c>GET /returnees/{caseId}</c>), so its aggregates can be compared with a recomputation from
/// the individual records it actually holds.
/// </summary>
internal static class ServedWorld
{
    public static async Task<(ProgrammeWorld World, Dictionary<string, ReturneeView> Views)> ReadAsync(
        HttpClient http, IReadOnlyDictionary<string, CommunityProfile> communities, IEnumerable<string> caseIds)
    {
        var world = new ProgrammeWorld();
        foreach (var (id, profile) in communities) world.Apply(new RegisterCommunity(id, profile));
        var views = new Dictionary<string, ReturneeView>();
        foreach (var caseId in caseIds)
        {
            var view = await http.GetFromJsonAsync<ReturneeView>($"/api/v1/returnees/{caseId}");
            views[caseId] = view!;
            world.Apply(new PutReturnee(caseId, view!.Profile));
            foreach (var survey in view.Surveys)
            {
                var answers = survey.RemigrationIntention is { } r
                    ? new Dictionary<string, string> { ["remigration_intention"] = r }
                    : new Dictionary<string, string>();
                world.Apply(new PutSurvey(caseId, survey.SurveyId,
                    new StoredSurvey(new SurveySubmission(survey.Date, survey.Round, survey.Instrument, answers), survey.Scores)));
            }
            foreach (var assistance in view.Assistance) world.Apply(new PutAssistance(caseId, assistance.AssistanceId, assistance.Record));
            world.Apply(new PutPlan(caseId, view.Plan));
        }
        return (world, views);
    }
}
