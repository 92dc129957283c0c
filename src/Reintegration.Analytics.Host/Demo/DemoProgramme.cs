using System.Text.Json;
using Reintegration.Analytics.Domain.Instruments;
using Reintegration.Analytics.Domain.Vocabulary;

namespace Reintegration.Analytics.Host.Demo;

/// <summary>
/// A made-up but plausible multi-country programme, as NDJSON lines for <c>POST /ingest</c>:
/// communities with assessments, returnees with plans, assistance and surveys at several rounds,
/// and structural assessments. Deterministic for a given seed. Outcomes improve with time since
/// return and with some kinds of assistance, so the "what works" table has something to show.
/// </summary>
public static class DemoProgramme
{
    private static readonly (string Country, string[] Admin1)[] Programme =
    [
        ("SEN", ["Dakar", "Kolda", "Tambacounda", "Kaolack"]),
        ("GIN", ["Conakry", "Kankan", "Labé"]),
        ("NGA", ["Edo", "Lagos", "Delta", "Kano"]),
        ("MLI", ["Bamako", "Kayes", "Sikasso"]),
        ("ETH", ["Amhara", "Oromia", "Tigray"]),
        ("SOM", ["Banadir", "Bari"]),
        ("AFG", ["Kabul", "Herat", "Nangarhar"]),
        ("BGD", ["Dhaka", "Sylhet"]),
        ("IRQ", ["Ninewa", "Erbil", "Baghdad"]),
        ("GTM", ["Guatemala", "Huehuetenango"]),
        ("HND", ["Cortés", "Francisco Morazán"]),
    ];

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static IEnumerable<string> Lines(DateOnly today, int returneesPerCountry = 250, int seed = 20261124)
    {
        var random = new Random(seed);
        var instrument = InstrumentCatalog.BuiltInDefault;
        foreach (var (country, admin1s) in Programme)
        {
            var communities = new List<string>();
            for (var a = 0; a < admin1s.Length; a++)
            {
                for (var c = 1; c <= 2; c++)
                {
                    var communityId = $"{country.ToLowerInvariant()}.{a + 1}.{c}";
                    communities.Add(communityId);
                    yield return Line(new
                    {
                        kind = "community", communityId, country, name = $"{admin1s[a]} community {c}", admin1 = admin1s[a],
                        latitude = Math.Round(random.NextDouble() * 40 - 5, 4), longitude = Math.Round(random.NextDouble() * 80 - 20, 4),
                    });
                    yield return Line(new
                    {
                        kind = "communityAssessment", communityId, assessmentId = $"{communityId}-2026",
                        date = today.AddDays(-random.Next(30, 200)).ToString("yyyy-MM-dd"),
                        population = random.Next(2_000, 120_000),
                        services = new
                        {
                            health = random.Next(5), education = random.Next(5), water = random.Next(5),
                            employment = random.Next(4), housing = random.Next(5), psychosocial = random.Next(3),
                        },
                        cohesion = random.Next(1, 5),
                        projects = new[]
                        {
                            new { projectId = $"{communityId}-p1", type = "livelihood", returneeParticipants = random.Next(5, 40), nonMigrantParticipants = random.Next(5, 60) },
                        },
                    });
                }
            }

            yield return Line(new
            {
                kind = "structuralAssessment", country, assessmentId = $"{country}-2026",
                date = today.AddDays(-random.Next(30, 300)).ToString("yyyy-MM-dd"),
                items = StructuralAssessment(random),
            });

            for (var r = 0; r < returneesPerCountry; r++)
            {
                foreach (var line in Returnee(random, instrument, today, country, $"{country}-{r + 1:D5}", communities[random.Next(communities.Count)]))
                    yield return line;
            }
        }
    }

    private static IEnumerable<string> Returnee(Random random, Instrument instrument, DateOnly today, string country, string caseId, string communityId)
    {
        var returnDate = today.AddDays(-random.Next(20, 900));
        var vulnerabilities = Vulnerability.All.Where(_ => random.NextDouble() < 0.07).ToArray();
        yield return Line(new
        {
            kind = "returnee", caseId, country, communityId,
            sex = Pick(random, ["female", "male", "male", "male", "other", "unknown"]),
            ageAtReturn = random.NextDouble() < 0.05 ? (int?)null : random.Next(15, 62),
            returnDate = returnDate.ToString("yyyy-MM-dd"),
            returnType = Pick(random, ["avrr", "avrr", "avrr", "vhr", "forced", "spontaneous"]),
            hostCountry = Pick(random, ["LBY", "NER", "DEU", "ITA", "MAR", "TUR", "USA", "SAU"]),
            monthsAbroad = random.Next(1, 96),
            vulnerabilities,
        });

        var eligible = random.NextDouble() < 0.92;
        var planDeveloped = eligible && random.NextDouble() < 0.85;
        var started = planDeveloped && random.NextDouble() < 0.85;
        var completed = started && random.NextDouble() < 0.6;
        yield return Line(new
        {
            kind = "plan", caseId,
            eligible = eligible ? Date(returnDate.AddDays(7), today) : null,
            planDeveloped = planDeveloped ? Date(returnDate.AddDays(30), today) : null,
            assistanceStarted = started ? Date(returnDate.AddDays(60), today) : null,
            assistanceCompleted = completed ? Date(returnDate.AddDays(200), today) : null,
            droppedOut = eligible && !completed && random.NextDouble() < 0.05 ? Date(returnDate.AddDays(90), today) : null,
        });

        var boost = 0.0;
        if (started)
        {
            var records = random.Next(1, 4);
            for (var a = 0; a < records; a++)
            {
                if (returnDate.AddDays(60 + 20 * a) > today) break;
                var type = AssistanceType.All[random.Next(AssistanceType.All.Count)];
                boost += type is "business_support" or "job_placement" or "vocational_training" ? 0.08 : 0.02;
                yield return Line(new
                {
                    kind = "assistance", caseId, assistanceId = $"{caseId}-a{a + 1}",
                    date = Date(returnDate.AddDays(60 + 20 * a), today), type,
                    modality = random.NextDouble() < 0.7 ? "direct" : "referral",
                    amountUsd = type is "cash" or "business_support" or "housing" ? Math.Round(200 + random.NextDouble() * 1800, 2) : (double?)null,
                    satisfaction = random.Next(2, 6),
                });
            }
        }

        var baseline = 0.25 + random.NextDouble() * 0.35;
        foreach (var (round, days) in new[] { ("baseline", 20), ("m3", 90), ("m6", 180), ("m12", 365), ("m18", 540) })
        {
            var date = returnDate.AddDays(days + random.Next(-10, 10));
            if (date > today || random.NextDouble() < 0.12) continue;
            var wellbeing = Math.Clamp(baseline + (days / 540.0) * (0.1 + boost) + (random.NextDouble() - 0.5) * 0.2, 0.02, 0.98);
            yield return Line(new
            {
                kind = "survey", caseId, surveyId = $"{caseId}-{round}", date = date.ToString("yyyy-MM-dd"), round,
                answers = Answers(random, instrument, wellbeing),
            });
        }
    }

    private static Dictionary<string, object> Answers(Random random, Instrument instrument, double wellbeing)
    {
        var answers = new Dictionary<string, object>();
        foreach (var item in instrument.Items)
        {
            if (random.NextDouble() < 0.06) { answers[item.Id] = "na"; continue; }
            var good = Math.Clamp(wellbeing + (random.NextDouble() - 0.5) * 0.5, 0, 1);
            answers[item.Id] = item.Scale switch
            {
                Domain.Instruments.AnswerScale.Likert5 => 1 + (int)Math.Round(good * 4),
                Domain.Instruments.AnswerScale.Likert5Reversed => 5 - (int)Math.Round(good * 4),
                Domain.Instruments.AnswerScale.YesNo => good >= 0.5 ? "yes" : "no",
                Domain.Instruments.AnswerScale.YesNoReversed => good >= 0.5 ? "no" : "yes",
                _ => good switch { < 0.3 => "debt_larger", < 0.55 => "about_equal", < 0.8 => "spending_larger", _ => "no_debt" },
            };
        }
        answers[RemigrationIntention.ItemId] = wellbeing switch
        {
            < 0.35 => "necessity",
            < 0.55 => random.NextDouble() < 0.5 ? "choice" : "necessity",
            _ => random.NextDouble() < 0.8 ? "none" : "choice",
        };
        return answers;
    }

    private static Dictionary<string, int> StructuralAssessment(Random random) =>
        Domain.Records.StructuralAssessment.ItemNames
            .Where(_ => random.NextDouble() < 0.9)
            .ToDictionary(name => name, _ => random.Next(0, 5));

    private static string? Date(DateOnly date, DateOnly today) => date > today ? null : date.ToString("yyyy-MM-dd");

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static string Line(object record) => JsonSerializer.Serialize(record, Json);
}
