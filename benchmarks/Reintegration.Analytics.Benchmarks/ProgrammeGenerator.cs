using System.Text;
using System.Text.Json;
using Reintegration.Analytics.Domain.Instruments;
using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Domain.Vocabulary;

namespace Reintegration.Analytics.Benchmarks;

/// <summary>
/// A seeded programme with the skew of real ones (issue 10): countries and, within each, communities drawn by Zipf
/// weights, so a few countries and communities hold most returnees. Lines come in the order a case worker system sends
/// them: communities, then per returnee its registration, surveys at several rounds, assistance and plan.
/// </summary>
internal sealed class ProgrammeGenerator(int countries, int communities, int returnees, int seed, DateOnly today)
{
    /// <summary>Zipf exponent of countries and of communities within a country.</summary>
    private const double Skew = 1.1;

    private static readonly string[] Rounds = ["baseline", "m3", "m6", "m12"];

    /// <summary>The country with the most returnees (the first of the Zipf ranking).</summary>
    public string LargestCountry => Codes(countries)[0];

    /// <summary>A country that a programme of <paramref name="countries"/> countries does not use (for probes).</summary>
    public static string UnusedCountry(int countries)
    {
        var all = Codes(int.MaxValue);
        return countries < all.Length ? all[^1] : throw new ArgumentException("every country is in the programme; none is left for probes");
    }

    private static string[] Codes(int countries) =>
        Countries.All.Select(c => c.Iso3).Order(StringComparer.Ordinal).Take(countries).ToArray();

    public IEnumerable<string> Lines()
    {
        var random = new Random(seed);
        var codes = Codes(countries);
        var countryWeights = Zipf(codes.Length);
        // Communities per country in proportion to the country's weight, at least one each.
        var perCountry = countryWeights.Select(w => Math.Max(1, (int)Math.Round(w * communities))).ToArray();
        var places = new List<(string Country, string Id)>[codes.Length];
        for (var c = 0; c < codes.Length; c++)
        {
            places[c] = [];
            for (var k = 0; k < perCountry[c]; k++)
            {
                var id = $"{codes[c].ToLowerInvariant()}.c{k}";
                places[c].Add((codes[c], id));
                yield return Json(new { kind = "community", communityId = id, country = codes[c], name = $"Community {k} of {codes[c]}" });
            }
        }
        var communityWeights = places.Select(p => Zipf(p.Count)).ToArray();
        var countryPick = Cumulative(countryWeights);
        var communityPicks = communityWeights.Select(Cumulative).ToArray();
        var items = InstrumentCatalog.BuiltInDefault.Items;

        for (var r = 0; r < returnees; r++)
        {
            var c = Pick(countryPick, random);
            var (country, communityId) = places[c][Pick(communityPicks[c], random)];
            var caseId = $"{country}-{r:D7}";
            var returnDate = today.AddDays(-random.Next(30, 3 * 365));
            yield return Json(new
            {
                kind = "returnee", caseId, country, communityId, sex = Sex.All[random.Next(2)], ageAtReturn = random.Next(18, 61),
                returnDate = Iso(returnDate), returnType = ReturnType.All[random.Next(ReturnType.All.Count)],
            });
            // Surveys: a baseline for most, and later rounds while their date has come (about 1.4 per returnee).
            for (var round = 0; round < Rounds.Length; round++)
            {
                var date = returnDate.AddDays(round == 0 ? 20 : 90 * round + (round == 3 ? 90 : 0));
                if (date > today || random.NextDouble() > (round == 0 ? 0.8 : 0.3)) continue;
                var answers = items.ToDictionary(i => i.Id, i => i.Scale switch
                {
                    AnswerScale.Likert5 or AnswerScale.Likert5Reversed => (object)random.Next(1, 6),
                    AnswerScale.Debt => "about_equal",
                    _ => random.Next(2) == 0 ? "yes" : "no",
                });
                yield return Json(new { kind = "survey", caseId, surveyId = Rounds[round], date = Iso(date), round = Rounds[round], answers });
            }
            if (random.NextDouble() < 0.5)
                yield return Json(new
                {
                    kind = "assistance", caseId, assistanceId = "a1", date = Iso(Min(returnDate.AddDays(40), today)),
                    type = AssistanceType.All[random.Next(AssistanceType.All.Count)], modality = "direct", amountUsd = random.Next(50, 2000),
                });
            if (random.NextDouble() < 0.3)
                yield return Json(new { kind = "plan", caseId, eligible = Iso(returnDate.AddDays(-10)), planDeveloped = Iso(Min(returnDate.AddDays(15), today)) });
        }
    }

    public byte[] Ndjson() => Encoding.UTF8.GetBytes(string.Join('\n', Lines()) + "\n");

    private static double[] Zipf(int count)
    {
        var weights = Enumerable.Range(1, count).Select(rank => 1 / Math.Pow(rank, Skew)).ToArray();
        var sum = weights.Sum();
        return weights.Select(w => w / sum).ToArray();
    }

    private static double[] Cumulative(double[] weights)
    {
        var cumulative = new double[weights.Length];
        var total = 0.0;
        for (var i = 0; i < weights.Length; i++) cumulative[i] = total += weights[i];
        return cumulative;
    }

    private static int Pick(double[] cumulative, Random random)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
        return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd");

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
