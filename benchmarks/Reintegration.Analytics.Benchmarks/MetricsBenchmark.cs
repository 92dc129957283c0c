using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Reintegration.Analytics.Domain.Reference;

namespace Reintegration.Analytics.Benchmarks;

/// <summary>
/// <c>GET /metrics</c> with many countries (<c>--scenario metrics</c>): one community and
/// <c>--returnees</c> returnees with a survey in each of the first <c>--countries</c> countries, then the
/// scrape's median time and series count, against <c>GET /compare</c> over the same countries (baseline).
/// </summary>
internal static class MetricsBenchmark
{

    public static async Task RunAsync(HttpClient http, int countries, int returneesPerCountry)
    {
        var codes = Countries.All.Select(c => c.Iso3).Order(StringComparer.Ordinal).Take(countries).ToList();
        var body = new StringBuilder();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var code in codes)
        {
            body.AppendLine(JsonSerializer.Serialize(new { kind = "community", communityId = $"m.{code}", country = code, name = code }));
            for (var r = 0; r < returneesPerCountry; r++)
            {
                var caseId = $"m-{code}-{r}";
                body.AppendLine(JsonSerializer.Serialize(new
                {
                    kind = "returnee", caseId, country = code, communityId = $"m.{code}", sex = r % 2 == 0 ? "female" : "male",
                    returnDate = today.AddDays(-30 * (1 + r)).ToString("yyyy-MM-dd"), returnType = "avrr",
                }));
                body.AppendLine(JsonSerializer.Serialize(new
                {
                    kind = "survey", caseId, surveyId = "s1", date = today.AddDays(-5).ToString("yyyy-MM-dd"), round = "m3",
                    answers = new Dictionary<string, object>
                    {
                        ["econ_satisfaction"] = 1 + r % 5, ["employed"] = "yes", ["housing_access"] = 3,
                    },
                }));
            }
        }
        Console.WriteLine($"Loading {codes.Count} countries with {returneesPerCountry} returnees each...");
        using (var response = await http.PostAsync("/api/v1/ingest", new StringContent(body.ToString())))
            response.EnsureSuccessStatusCode();
        var compare = $"/api/v1/compare?countries={string.Join(',', codes)}";
        while (true)
        {
            var text = await http.GetStringAsync("/metrics");
            if (text.Split('\n').Count(l => l.StartsWith("reintegration_returnees{")) >= codes.Count) break;
            await Task.Delay(200);
        }

        var metrics = await Timing.MillisecondsAsync(() => http.GetStringAsync("/metrics"));
        var baseline = await Timing.MillisecondsAsync(() => http.GetStringAsync(compare));
        var lines = (await http.GetStringAsync("/metrics")).Split('\n').Where(l => l.Length > 0 && l[0] != '#').ToList();
        var business = lines.Count(l => l.StartsWith("reintegration_") && l.Contains("country=\""));

        Console.WriteLine();
        Console.WriteLine($"{codes.Count} countries; /metrics has {lines.Count} series, {business} of them business series; "
            + $"medians of {Timing.Requests}");
        Console.WriteLine($"{"measurement",-52} {"median",10} {"vs baseline",12}");
        Timing.PrintRow("GET /compare over the same countries (baseline)", Timing.Median(baseline), Timing.Median(baseline));
        Timing.PrintRow("GET /metrics", Timing.Median(metrics), Timing.Median(baseline));
    }
}
