using System.Text;
using System.Text.Json;
using Reintegration.Analytics.Domain.Instruments;

namespace Reintegration.Analytics.Benchmarks;

/// <summary>NDJSON bodies for the benchmark: communities and returnees, then surveys spread over them at random.</summary>
internal static class BenchmarkData
{
    /// <summary>Communities and returnees; <paramref name="returnDate"/> gives case r's return date (default 2025-01-10 for all).</summary>
    public static byte[] Registrations(string prefix, string country, int communities, int returnees, Func<int, DateOnly>? returnDate = null)
    {
        var body = new StringBuilder();
        for (var c = 0; c < communities; c++)
            body.AppendLine(JsonSerializer.Serialize(new { kind = "community", communityId = $"{prefix}.{c}", country, name = $"Bench {c}" }));
        for (var r = 0; r < returnees; r++)
            body.AppendLine(JsonSerializer.Serialize(new
            {
                kind = "returnee", caseId = $"{prefix}-{r}", country, communityId = $"{prefix}.{r % communities}",
                sex = r % 2 == 0 ? "female" : "male", ageAtReturn = 18 + r % 40,
                returnDate = (returnDate?.Invoke(r) ?? new DateOnly(2025, 1, 10)).ToString("yyyy-MM-dd"), returnType = "avrr",
            }));
        return Encoding.UTF8.GetBytes(body.ToString());
    }

    public static byte[] Surveys(string prefix, int returnees, int surveys, int seed)
    {
        var random = new Random(seed);
        var items = InstrumentCatalog.BuiltInDefault.Items;
        var body = new StringBuilder();
        for (var s = 0; s < surveys; s++)
        {
            var answers = items.ToDictionary(i => i.Id, i => i.Scale switch
            {
                AnswerScale.Likert5 or AnswerScale.Likert5Reversed => (object)random.Next(1, 6),
                AnswerScale.Debt => "about_equal",
                _ => random.Next(2) == 0 ? "yes" : "no",
            });
            body.AppendLine(JsonSerializer.Serialize(new
            {
                kind = "survey", caseId = $"{prefix}-{random.Next(returnees)}", surveyId = $"s{s}",
                date = new DateOnly(2025, 2, 1).AddDays(random.Next(300)).ToString("yyyy-MM-dd"), round = "m3", answers,
            }));
        }
        return Encoding.UTF8.GetBytes(body.ToString());
    }
}
