using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reintegration.Analytics.Host.Tests.Infrastructure;

namespace Reintegration.Analytics.Host.Tests;

/// <summary>
/// Pushes a small hand-built programme through PUTs and NDJSON and checks the community, country,
/// region and global documents against figures computed in the test from SPEC §2.4.
/// Countries URY and PRY (region SAM) are used by no other test, so SAM holds exactly this data.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AggregateExactnessTests(ApiFactory factory)
{
    private const string Uruguay = "URY";
    private const string Paraguay = "PRY";
    private const string Region = "SAM";
    private const double M = Answers.MidWithYesComposite; // 0.641666…

    private readonly ApiClient _api = factory.Api;
    private readonly List<CaseModel> _cases = [];
    private readonly List<string> _lines = [];

    private static DateOnly Ago(int days) => Days.Today.AddDays(-days);

    private CaseModel NewCase(string country, string communityId, string sex, int? age, int returnedDaysAgo, string returnType, params string[] vulnerabilities)
    {
        var model = new CaseModel
        {
            CaseId = Ids.New("case"), Country = country, CommunityId = communityId, Sex = sex, Age = age,
            ReturnDate = Ago(returnedDaysAgo), ReturnType = returnType, Vulnerabilities = vulnerabilities,
        };
        _cases.Add(model);
        return model;
    }

    // ---- writes through PUT (each also recorded in the model) -----------------------------------

    private async Task PutReturnee(CaseModel c, string expected = "applied") =>
        Assert.Equal(expected, await _api.MustPut($"/returnees/{c.CaseId}", c.Profile()));

    private async Task PutSurvey(CaseModel c, string surveyId, int daysAgo, string round, Dictionary<string, object> answers, string expected = "applied")
    {
        var reply = await _api.Put($"/returnees/{c.CaseId}/surveys/{surveyId}", Seed.Survey(Days.Ago(daysAgo), round, answers));
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal(expected, reply.Json["status"]!.GetValue<string>());
        var scores = Answers.Score(answers);
        Oracle.AssertClose(scores.Composite, reply.Json["scores"]!["composite"], "composite of the PUT answer");
        c.Surveys[surveyId] = (Ago(daysAgo), round, answers);
    }

    private async Task PutAssistance(CaseModel c, string assistanceId, string type, decimal? amount, string expected = "applied")
    {
        var body = new Dictionary<string, object?> { ["date"] = Days.Ago(15), ["type"] = type, ["modality"] = "direct", ["amountUsd"] = amount };
        Assert.Equal(expected, await _api.MustPut($"/returnees/{c.CaseId}/assistance/{assistanceId}", body));
        c.Assistance[assistanceId] = (type, amount ?? 0m, Ago(15));
    }

    private async Task PutPlan(CaseModel c, params string[] statuses)
    {
        Assert.Equal("applied", await _api.MustPut($"/returnees/{c.CaseId}/plan", PlanBody(statuses)));
        c.Plan.UnionWith(statuses);
    }

    private static Dictionary<string, object> PlanBody(string[] statuses) =>
        Oracle.PlanStatuses.Where(s => statuses.Contains(s.Status)).ToDictionary(s => s.Field, s => (object)Days.Ago(5));

    // ---- the same through NDJSON lines ----------------------------------------------------------

    private void LineReturnee(CaseModel c)
    {
        var record = c.Profile();
        record["kind"] = "returnee";
        record["caseId"] = c.CaseId;
        _lines.Add(JsonSerializer.Serialize(record, ApiClient.Json));
    }

    private void LineSurvey(CaseModel c, string surveyId, int daysAgo, string round, Dictionary<string, object> answers)
    {
        _lines.Add(JsonSerializer.Serialize(new { kind = "survey", caseId = c.CaseId, surveyId, date = Days.Ago(daysAgo), round, answers }, ApiClient.Json));
        c.Surveys[surveyId] = (Ago(daysAgo), round, answers);
    }

    private void LineAssistance(CaseModel c, string assistanceId, string type, decimal amount)
    {
        _lines.Add(JsonSerializer.Serialize(new { kind = "assistance", caseId = c.CaseId, assistanceId, date = Days.Ago(15), type, modality = "referral", amountUsd = amount }, ApiClient.Json));
        c.Assistance[assistanceId] = (type, amount, Ago(15));
    }

    private void LinePlan(CaseModel c, params string[] statuses)
    {
        var record = PlanBody(statuses);
        record["kind"] = "plan";
        record["caseId"] = c.CaseId;
        _lines.Add(JsonSerializer.Serialize(record, ApiClient.Json));
        c.Plan.UnionWith(statuses);
    }

    [Fact]
    public async Task Every_level_matches_a_recomputation_from_the_spec()
    {
        // --- communities: A (PUT) and B (NDJSON) in Uruguay, C (PUT) in Paraguay.
        var a = Ids.New("ury-a");
        var b = Ids.New("ury-b");
        var c = Ids.New("pry-c");
        await _api.MustPut($"/communities/{a}", Seed.Community(Uruguay, "Montevideo Norte"));
        await _api.MustPut($"/communities/{c}", Seed.Community(Paraguay, "Asunción Sur"));

        // --- Uruguay, community A, through PUTs.
        var r1 = NewCase(Uruguay, a, "female", 30, 400, "avrr");
        await PutReturnee(r1);
        await PutSurvey(r1, "s1", 390, "baseline", Answers.Worst("necessity"));
        await PutSurvey(r1, "s2", 100, "m12", Answers.Best("none"));            // 300 days after return: 12-month follow-up
        await PutSurvey(r1, "s2", 100, "m12", Answers.Best("none"), "unchanged"); // replay
        await PutAssistance(r1, "a1", "cash", 100m);
        await PutAssistance(r1, "a2", "business_support", 250m);
        await PutPlan(r1, "eligible", "plan_developed");
        await PutPlan(r1, "assistance_started", "assistance_completed");

        var r2 = NewCase(Uruguay, a, "male", 20, 200, "vhr");
        await PutReturnee(r2);
        await PutSurvey(r2, "s1", 190, "baseline", Answers.MidWithoutYesNo());  // composite null → no improvement
        await PutSurvey(r2, "s2", 20, "m6", Answers.MidWithYes("necessity"));
        await PutAssistance(r2, "a1", "cash", 50m);
        await PutPlan(r2, "eligible", "plan_developed");

        var r3 = NewCase(Uruguay, a, "female", 40, 500, "forced", "single_parent");
        await PutReturnee(r3);
        await PutSurvey(r3, "s1", 480, "baseline", Answers.MidWithYes("choice"));
        await PutSurvey(r3, "s2", 200, "m12", Answers.Worst("necessity"));
        await PutSurvey(r3, "s2", 200, "m12", Answers.Best("choice"));           // correction: same surveyId, new content
        await PutSurvey(r3, "s2", 200, "m12", Answers.Best("choice"), "unchanged");
        await PutAssistance(r3, "a1", "business_support", 300m);
        await PutAssistance(r3, "a1", "business_support", 320m);                 // correction
        await PutPlan(r3, "eligible", "dropped_out");

        var r4 = NewCase(Uruguay, a, "male", null, 30, "spontaneous");           // will move to B
        await PutReturnee(r4);
        await PutSurvey(r4, "s1", 25, "baseline", Answers.Best("na"));           // current = baseline → no improvement

        var r8 = NewCase(Uruguay, a, "male", 50, 370, "forced");                  // due, never surveyed
        await PutReturnee(r8);
        await PutAssistance(r8, "a1", "job_placement", null);

        // --- Uruguay, community B, through NDJSON (community line first, then its returnees).
        _lines.Add(JsonSerializer.Serialize(new { kind = "community", communityId = b, country = Uruguay, name = "Salto" }, ApiClient.Json));
        var r5 = NewCase(Uruguay, b, "other", 60, 600, "avrr", "elderly", "health_needs");
        LineReturnee(r5);
        LineSurvey(r5, "s1", 10, "adhoc", Answers.MidWithoutYesNo("necessity")); // 590 days after return: outside the window
        LineAssistance(r5, "a1", "medical", 80m);
        LinePlan(r5, "eligible");
        var r6 = NewCase(Uruguay, b, "female", 10, 100, "avrr", "unaccompanied_child", "trafficking_victim");
        LineReturnee(r6);
        LineSurvey(r6, "s1", 90, "baseline", Answers.MidWithYes());
        LineSurvey(r6, "s2", 5, "m3", Answers.Worst("necessity"));
        LineAssistance(r6, "a1", "cash", 20m);
        LinePlan(r6, "eligible", "plan_developed", "assistance_started", "assistance_completed");
        var r7 = NewCase(Uruguay, b, "unknown", 25, 10, "vhr");
        LineReturnee(r7);
        _lines.Add(JsonSerializer.Serialize(new { kind = "survey", caseId = r1.CaseId, surveyId = "s2", date = Days.Ago(100), round = "m12", answers = Answers.Best("none") }, ApiClient.Json)); // replay

        var report = (await _api.Ingest([.. _lines])).Json;
        Assert.True(report["rejected"]!.GetValue<long>() == 0, report.ToJsonString());
        Assert.Equal(_lines.Count, report["accepted"]!.GetValue<long>());
        Assert.Equal(1, report["unchanged"]!.GetValue<long>());

        // --- r4 moves from A to B (a profile update); all its contributions move with it.
        r4.CommunityId = b;
        await PutReturnee(r4);

        // --- Paraguay, community C.
        var r9 = NewCase(Paraguay, c, "female", 33, 50, "avrr");
        await PutReturnee(r9);
        await PutSurvey(r9, "s1", 45, "baseline", Answers.Worst());
        await PutSurvey(r9, "s2", 2, "m3", Answers.MidWithYes("none"));
        await PutAssistance(r9, "a1", "cash", 70m);
        await PutPlan(r9, "eligible", "plan_developed");
        var r10 = NewCase(Paraguay, c, "male", 45, 60, "vhr");
        await PutReturnee(r10);
        await PutSurvey(r10, "s1", 40, "m3", Answers.Best("necessity"));
        await PutPlan(r10, "eligible");

        // --- assessments.
        await _api.MustPut($"/communities/{a}/assessments/ca1", new
        {
            date = Days.Ago(30), population = 2000, cohesion = 2,
            services = new { health = 4, education = 4, water = 2, employment = 2, housing = 0, psychosocial = 0 },
        });
        await _api.MustPut($"/countries/{Uruguay}/assessments/sa1", new
        {
            date = Days.Ago(30),
            items = new { national_policy = 2, sops = 2, referral_mechanism = 2, coordination_body = 2, local_ownership = 2, access_health = 2 },
        });

        var inA = _cases.Where(x => x.CommunityId == a).ToList();
        var inB = _cases.Where(x => x.CommunityId == b).ToList();
        var inC = _cases.Where(x => x.CommunityId == c).ToList();
        var ury = _cases.Where(x => x.Country == Uruguay).ToList();
        var pry = _cases.Where(x => x.Country == Paraguay).ToList();

        // --- communities: exact once the live table holds the acknowledged writes (well within the 2-second contract).
        await _api.Eventually($"/communities/{a}", docA =>
        {
            Oracle.AssertFigures(inA, docA, "community A", disaggregations: false);
            Assert.Equal(4, docA["returnees"]!.GetValue<long>());                     // r1, r2, r3, r8
            Oracle.AssertClose((1 + M + 1) / 3, docA["scores"]!["composite"]!["mean"], "A composite by hand");
            Oracle.AssertClose((12 / 6.0) / 4, docA["servicesIndex"], "A servicesIndex");
            Oracle.AssertClose(0.5, docA["cohesionIndex"], "A cohesionIndex");
            Oracle.AssertClose(1 * 1000.0 / 2000, docA["returnPressure"], "A returnPressure (only r2 returned within a year)");
        });

        await _api.Eventually($"/communities/{b}", docB =>
        {
            Oracle.AssertFigures(inB, docB, "community B", disaggregations: false);
            Assert.Equal(4, docB["returnees"]!.GetValue<long>());                     // r4 (moved), r5, r6, r7
            Assert.Null(docB["returnPressure"]);
        });

        await _api.Eventually($"/communities/{c}", d => Oracle.AssertFigures(inC, d, "community C", disaggregations: false));

        // --- countries: pushed asynchronously, so poll.
        var docUry = await _api.Eventually($"/countries/{Uruguay}", d => Oracle.AssertFigures(ury, d, "URY", disaggregations: true));
        // A few figures by hand, for the reader (the oracle checks all of them):
        Assert.Equal(8, docUry["returnees"]!.GetValue<long>());
        Assert.Equal(6, docUry["surveyed"]!.GetValue<long>());                    // r7, r8 have no survey
        Oracle.AssertClose((1 + M + 1 + 1 + 0) / 5, docUry["scores"]!["composite"]!["mean"], "URY composite (r1, r2, r3, r4, r6)");
        Oracle.AssertCount(5, docUry["scores"]!["composite"]!["n"], "URY composite n");
        Oracle.AssertCount(5, docUry["scores"]!["economic"]!["n"], "URY economic n (r5's economic is null)");
        Oracle.AssertCount(6, docUry["scores"]!["social"]!["n"], "URY social n");
        Oracle.AssertClose(4 / 5.0, docUry["sustainableShare"], "URY sustainableShare");
        Oracle.AssertClose(((1 - 0) + (1 - M) + (0 - M)) / 3, docUry["improvement"]!["mean"], "URY improvement (r1, r3, r6)");
        Oracle.AssertClose(2 / 4.0, docUry["followUpCoverage"], "URY followUpCoverage (r1, r3 of r1, r3, r5, r8)");
        Oracle.AssertClose(3 / 5.0, docUry["remigrationNecessityShare"], "URY remigration (r2, r5, r6 of r1, r2, r3, r5, r6)");
        Oracle.AssertClose(2 / 5.0, docUry["plan"]!["completionRate"], "URY completionRate");
        Assert.Equal(170m, docUry["assistance"]!["byType"]!["cash"]!["amountUsd"]!.GetValue<decimal>());
        Assert.Equal(570m, docUry["assistance"]!["byType"]!["business_support"]!["amountUsd"]!.GetValue<decimal>());
        Oracle.AssertClose(0.5, docUry["structuralIndex"], "URY structuralIndex");
        Assert.Equal(2, docUry["communities"]!.GetValue<long>());

        await _api.Eventually($"/countries/{Paraguay}", d => Oracle.AssertFigures(pry, d, "PRY", disaggregations: true));

        await _api.Eventually($"/countries/{Uruguay}/communities", table =>
        {
            var rows = table["communities"]!.AsArray().ToDictionary(r => r!["communityId"]!.GetValue<string>(), r => r!);
            Assert.Equal(2, rows.Count);
            Oracle.AssertFigures(inA, rows[a], "table A", disaggregations: false);
            Oracle.AssertFigures(inB, rows[b], "table B", disaggregations: false);
        });

        // --- region SAM holds exactly Uruguay and Paraguay.
        var docSam = await _api.Eventually($"/regions/{Region}", d => Oracle.AssertFigures(_cases, d, Region, disaggregations: true));
        Assert.Equal([Paraguay, Uruguay], docSam["countries"]!.AsArray().Select(x => x!.GetValue<string>()).Order());
        Assert.Equal(10, docSam["returnees"]!.GetValue<long>());

        // --- compare rows agree with the country documents.
        await _api.Eventually($"/compare?countries={Uruguay},{Paraguay}&by=sex", compare =>
        {
            foreach (var row in compare["rows"]!.AsArray())
            {
                var country = row!["country"]!.GetValue<string>();
                var sex = row["group"]?.GetValue<string>(); // null: the country's total row
                var group = _cases.Where(x => x.Country == country && (sex is null || x.Sex == sex)).ToList();
                var what = $"compare {country} {sex ?? "total"}";
                Oracle.AssertCount(group.Count, row["returnees"], $"{what} returnees");
                var composites = group.Select(Oracle.CurrentScores).Where(s => s?.Composite is not null).Select(s => s!.Composite!.Value).ToList();
                Oracle.AssertClose(composites.Count == 0 ? null : composites.Average(), row["scores"]!["composite"]!["mean"], $"{what} composite");
                var improvements = group.Select(Oracle.Improvement).Where(i => i is not null).Select(i => i!.Value).ToList();
                Oracle.AssertClose(improvements.Count == 0 ? null : improvements.Average(), row["improvement"]!["mean"], $"{what} improvement");
                var due = group.Where(Oracle.IsDue).ToList();
                Oracle.AssertClose(due.Count == 0 ? null : (double)due.Count(Oracle.IsCovered) / due.Count, row["followUpCoverage"], $"{what} coverage");
                var intentions = group.Select(Oracle.Remigration).Where(r => r is not null).ToList();
                Oracle.AssertClose(intentions.Count == 0 ? null : (double)intentions.Count(r => r == "necessity") / intentions.Count,
                    row["remigrationNecessityShare"], $"{what} remigrationNecessityShare");
            }
            Assert.Equal(2 * 5, compare["rows"]!.AsArray().Count); // 4 sexes and a total row per country
        });

        // --- global: every region pooled (other tests write other regions concurrently with this check,
        // so it compares the global document with the regions it lists, fetched together, and SAM exactly).
        await ApiClient.Eventually(async () =>
        {
            var global = await _api.MustGet("/global");
            var regions = new List<JsonNode>();
            foreach (var region in global["regions"]!.AsArray().Select(r => r!.GetValue<string>()))
                regions.Add(await _api.MustGet($"/regions/{region}"));
            var global2 = await _api.MustGet("/global");
            Assert.True(JsonNode.DeepEquals(Strip(global), Strip(global2)), "global changed while reading; retry");

            var sam = regions.Single(r => r["region"]!.GetValue<string>() == Region);
            Oracle.AssertFigures(_cases, sam, "SAM (from global)", disaggregations: true);
            AssertPooled(global, regions);
        });
    }

    private static JsonNode Strip(JsonNode document)
    {
        var copy = document.DeepClone().AsObject();
        copy.Remove("asOf");
        return copy;
    }

    /// <summary>The global document must be the pooling of its regions: counts add up, means pool by n.</summary>
    private static void AssertPooled(JsonNode global, IReadOnlyList<JsonNode> regions)
    {
        long Sum(Func<JsonNode, JsonNode?> pick) => regions.Sum(r => pick(r)?.GetValue<long>() ?? 0);

        Oracle.AssertCount(Sum(r => r["returnees"]), global["returnees"], "global.returnees");
        Oracle.AssertCount(Sum(r => r["surveyed"]), global["surveyed"], "global.surveyed");
        foreach (var dimension in Answers.Dimensions)
        {
            var n = Sum(r => r["scores"]![dimension]!["n"]);
            var sum = regions.Sum(r => r["scores"]![dimension]!["mean"] is { } m ? m.GetValue<double>() * r["scores"]![dimension]!["n"]!.GetValue<long>() : 0);
            Oracle.AssertCount(n, global["scores"]![dimension]!["n"], $"global.scores.{dimension}.n");
            Oracle.AssertClose(n == 0 ? null : sum / n, global["scores"]![dimension]!["mean"], $"global.scores.{dimension}.mean");
        }
        var improvementN = Sum(r => r["improvement"]!["n"]);
        var improvementSum = regions.Sum(r => r["improvement"]!["mean"] is { } m ? m.GetValue<double>() * r["improvement"]!["n"]!.GetValue<long>() : 0);
        Oracle.AssertCount(improvementN, global["improvement"]!["n"], "global.improvement.n");
        Oracle.AssertClose(improvementN == 0 ? null : improvementSum / improvementN, global["improvement"]!["mean"], "global.improvement.mean");
        foreach (var (_, field) in Oracle.PlanStatuses)
            Oracle.AssertCount(Sum(r => r["plan"]![field]), global["plan"]![field], $"global.plan.{field}");
        foreach (var sex in Oracle.Sexes)
            Oracle.AssertCount(Sum(r => r["breakdown"]!["sex"]![sex]), global["breakdown"]!["sex"]![sex], $"global.breakdown.sex.{sex}");
        Oracle.AssertCount(Sum(r => r["assistance"]!["records"]), global["assistance"]!["records"], "global.assistance.records");
        Assert.Equal(regions.Sum(r => r["assistance"]!["amountUsd"]!.GetValue<decimal>()), global["assistance"]!["amountUsd"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Concurrent_writes_to_one_community_stay_exact()
    {
        // Country CPV is used by no other test.
        const string country = "CPV";
        var communities = new[] { await _api.NewCommunity(country), await _api.NewCommunity(country) };
        var sexes = Oracle.Sexes;
        var types = Oracle.ReturnTypes;
        var sets = new Func<string?, Dictionary<string, object>>[] { Answers.Best, Answers.Worst, Answers.MidWithYes, Answers.MidWithoutYesNo };

        var cases = Enumerable.Range(0, 40).Select(i => new CaseModel
        {
            CaseId = Ids.New("case"), Country = country, CommunityId = communities[i % 2], Sex = sexes[i % 4],
            Age = i % 7 == 0 ? null : 15 + i, ReturnDate = Ago(30 + 20 * i), ReturnType = types[i % 4],
        }).ToList();

        await Task.WhenAll(cases.Select(async (c, i) =>
        {
            await PutReturnee(c);
            // One case's writes in turn (the model is not thread-safe); the cases run concurrently.
            await PutSurvey(c, "base", 20, "baseline", sets[i % 4](null));
            await PutSurvey(c, "later", 10, "m3", sets[(i + 1) % 4](i % 3 == 0 ? "necessity" : "none"));
            await PutAssistance(c, "a1", i % 2 == 0 ? "cash" : "housing", 10m * i);
            await PutPlan(c, i % 2 == 0 ? ["eligible", "plan_developed", "assistance_started", "assistance_completed"] : ["eligible"]);
            if (i % 5 == 0)
            {
                c.CommunityId = communities[(i + 1) % 2]; // and some move
                await PutReturnee(c);
            }
        }));

        foreach (var communityId in communities)
            await _api.Eventually($"/communities/{communityId}",
                d => Oracle.AssertFigures(cases.Where(c => c.CommunityId == communityId).ToList(), d, communityId, disaggregations: false));
        await _api.Eventually($"/countries/{country}", d => Oracle.AssertFigures(cases, d, country, disaggregations: true));
    }
}
