using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Reintegration.Analytics.Host.Tests.Durability;

/// <summary>
/// Load for the durability tests: PUTs new surveys for random cases until stopped or the host dies,
/// recording which ones were acknowledged (200). A request cut off by a kill is not acknowledged,
/// so it may or may not have been applied.
/// </summary>
internal static class SurveyLoad
{
    public static async Task SendAsync(HttpClient http, List<string> caseIds, string prefix, Random random,
        ConcurrentDictionary<string, string> acknowledged, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var caseId = caseIds[random.Next(caseIds.Count)];
            var surveyId = $"{prefix}-{i}";
            try
            {
                using var response = await PutAsync(http, $"/api/v1/returnees/{caseId}/surveys/{surveyId}", RandomSurvey(random), stop);
                if (response.StatusCode == HttpStatusCode.OK) acknowledged[surveyId] = caseId;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException)
            {
                if (stop.IsCancellationRequested) return;
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    public static Task<HttpResponseMessage> PutAsync(HttpClient http, string path, string json, CancellationToken cancellationToken = default) =>
        http.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), cancellationToken);

    /// <summary>A valid survey whose answers (and so scores and remigration answer) vary with <paramref name="random"/>.</summary>
    public static string RandomSurvey(Random random)
    {
        var likert = random.Next(1, 6);
        return System.Text.Json.JsonSerializer.Serialize(new
        {
            date = $"2026-0{1 + random.Next(9)}-1{random.Next(10)}",
            round = random.Next(4) == 0 ? "baseline" : "m6",
            answers = new Dictionary<string, object>
            {
                ["econ_satisfaction"] = likert, ["food_reduction"] = 6 - likert, ["employed"] = likert > 2 ? "yes" : "no",
                ["can_borrow"] = "yes", ["productive_assets"] = "no", ["housing_access"] = likert, ["water_access"] = 3,
                ["health_access"] = likert, ["documentation"] = "yes", ["justice_access"] = 2, ["support_network"] = likert,
                ["physical_safety"] = 4, ["belonging"] = likert, ["able_to_stay"] = "yes", ["distress"] = 2,
                ["remigration_intention"] = likert < 3 ? "necessity" : "none",
            },
        });
    }
}
