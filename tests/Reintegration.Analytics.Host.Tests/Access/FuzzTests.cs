using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Reintegration.Analytics.Host.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Reintegration.Analytics.Host.Tests.Access;

/// <summary>
/// Every write endpoint, the NDJSON importer and the CSV importer fed random and mutated valid bodies (CsCheck): never a
/// 5xx, a refusal is a problem document naming a field, a refused write leaves the state it aims at as it was, and the
/// service still answers and writes afterwards.
/// </summary>
[Collection(ApiCollection.Name)]
public class FuzzTests(ApiFactory factory, ITestOutputHelper output)
{
    private const string Country = "MNG"; // no other test asserts this country or its region's totals
    private const int Iterations = 250;
    private const int ImportIterations = 150; // each accepted line registers a community: slower than a refused PUT
    private readonly ApiClient _api = factory.Api;

    /// <summary>Values that break parsers, validators and stores, as JSON text.</summary>
    private static readonly string[] Hostile =
    [
        "null", "\"\"", "\"" + new string('x', 3000) + "\"", "-1", "0", "-0", "1e308", "-1e308", "1.5", "true", "[]", "{}",
        "\"\\u0000\"", "\"2026-13-45\"", "\"9999-12-31\"", "\"0001-01-01\"", $"\"{LoneSurrogate}\"", "123456789012345678901234567890",
        "\"<script>alert(1)</script>\"", "\"'; DROP TABLE audit_log; --\"", "\" SEN \"", "\"sen\"", "\"=cmd|' /C calc'!A0\"",
        "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]", "{\"a\":{\"b\":{\"c\":1}}}", "\"../../etc/passwd\"", "\"\\u202e\"", "\"NaN\"",
        "\"Infinity\"", "\"2026-02-30\"", "\"1e3\"", "\"yes\"", "\"cash\"", "\"SRB\"", "6", "5", "-99999999999",
    ];

    /// <summary>Stands for the escape <c>\ud800</c>, which a JSON writer refuses to write, until the body is text.</summary>
    private const string LoneSurrogate = "LONE-SURROGATE";

    /// <summary>One change to a body: replace, remove or add a field, or damage the text itself.</summary>
    private sealed record Mutation(int Kind, int Field, int Value, int Position, char Character);

    private static readonly Gen<Mutation[]> Mutations =
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 20], Gen.Int[0, Hostile.Length - 1], Gen.Int[0, 10_000], Gen.Char)
            .Select((k, f, v, p, c) => new Mutation(k, f, v, p, c)).Array[1, 4];

    private static string Mutate(JsonObject valid, Mutation[] mutations)
    {
        var body = JsonNode.Parse(valid.ToJsonString())!.AsObject();
        string? text = null;
        foreach (var m in mutations)
        {
            var names = body.Select(p => p.Key).ToList();
            switch (m.Kind)
            {
                case 0 or 1 when names.Count > 0: // a field gets a hostile value (also inside nested objects)
                    var target = names[m.Field % names.Count];
                    if (body[target] is JsonObject inner && inner.Count > 0 && m.Kind == 1)
                        inner[inner.ElementAt(m.Position % inner.Count).Key] = JsonNode.Parse(Hostile[m.Value]);
                    else body[target] = JsonNode.Parse(Hostile[m.Value]);
                    break;
                case 2 when names.Count > 0:
                    body.Remove(names[m.Field % names.Count]);
                    break;
                case 3:
                    body[$"unexpected{m.Field}"] = JsonNode.Parse(Hostile[m.Value]);
                    break;
                default: // the text: cut short, or a character put in
                    text ??= body.ToJsonString();
                    var at = m.Position % (text.Length + 1);
                    text = m.Kind == 4 ? text[..at] : text.Insert(at, m.Character.ToString());
                    break;
            }
        }
        return (text ?? body.ToJsonString()).Replace(LoneSurrogate, "\\ud800");
    }

    /// <summary>
    /// A write endpoint: its path for fresh ids, a valid body, and what a refused write must leave unchanged. The state of a
    /// target <paramref name="Shown"/> in an aggregate document is read once the live table holds every accepted write.
    /// </summary>
    private sealed record Target(string Name, Func<string, string> Path, JsonObject Valid, Func<string, Task<string>> State,
        bool Shown = false);

    private async Task<List<Target>> TargetsAsync()
    {
        var (community, caseId) = await _api.NewReturnee(Country);
        // The parts of a document a write of the target changes (aggregates of earlier accepted writes may still move).
        async Task<string> Document(string path, params string[] parts)
        {
            var reply = await _api.Get(path);
            if (reply.Status != HttpStatusCode.OK) return ((int)reply.Status).ToString(); // problem bodies carry a trace id
            return parts.Length == 0 ? reply.Body : string.Join("|", parts.Select(p => reply.Json[p]?.ToJsonString()));
        }
        async Task<string> Current(string path, params string[] parts)
        {
            var document = await _api.Current(path);
            return string.Join("|", parts.Select(p => document[p]?.ToJsonString()));
        }
        async Task<string> Returnee() => (await _api.MustGet($"/returnees/{caseId}")).ToJsonString();
        var survey = (JsonObject)JsonSerializer.SerializeToNode(Seed.Survey(Days.Ago(5), "m3", Answers.Best("none")), ApiClient.Json)!;
        return
        [
            new("community", id => $"/communities/{id}", Obj(new { country = Country, name = "Fuzz" }),
                id => Document($"/communities/{id}")),
            new("returnee", id => $"/returnees/{id}",
                (JsonObject)JsonSerializer.SerializeToNode(Seed.Returnee(Country, community), ApiClient.Json)!,
                id => Document($"/returnees/{id}")),
            new("survey", id => $"/returnees/{caseId}/surveys/{id}", survey, _ => Returnee()),
            new("assistance", id => $"/returnees/{caseId}/assistance/{id}",
                Obj(new { date = Days.Ago(4), type = "cash", modality = "direct", amountUsd = 120, satisfaction = 4 }), _ => Returnee()),
            new("plan", _ => $"/returnees/{caseId}/plan", Obj(new { eligible = Days.Ago(50), planDeveloped = Days.Ago(40) }),
                _ => Returnee()),
            new("communityAssessment", id => $"/communities/{community}/assessments/{id}", Obj(new
            {
                date = Days.Ago(3), population = 5000, cohesion = 2,
                services = new { health = 4, education = 3, water = 2, employment = 1, housing = 0, psychosocial = 2 },
            }), _ => Current($"/communities/{community}", "assessment", "population"), Shown: true),
            new("structuralAssessment", id => $"/countries/{Country}/assessments/{id}",
                Obj(new { date = Days.Ago(2), items = new { national_policy = 3, sops = 2 } }),
                _ => Current($"/countries/{Country}", "structuralAssessment", "structuralIndex"), Shown: true),
        ];
    }

    private static JsonObject Obj(object value) => (JsonObject)JsonSerializer.SerializeToNode(value, ApiClient.Json)!;

    [Fact]
    public async Task Mutated_bodies_on_every_write_endpoint_are_answered_without_5xx_and_refusals_change_nothing()
    {
        int cases = 0, refused = 0;
        foreach (var target in await TargetsAsync())
        {
            // A shown state waits for the live table: it is read again only after an accepted write, fewer times.
            string? unchanged = null;
            await Mutations.SampleAsync(async mutations =>
            {
                var id = Ids.New("fz");
                var body = Mutate(target.Valid, mutations);
                var before = unchanged ?? await target.State(id);
                unchanged = null;
                var reply = await _api.PutRaw(target.Path(id), body);
                Interlocked.Increment(ref cases);
                Assert.True((int)reply.Status < 500, $"{target.Name}: {reply} for {body}");
                if (reply.Status != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref refused);
                    Assert.Equal("application/problem+json", reply.MediaType);
                    Assert.False(string.IsNullOrEmpty(reply.Json["field"]?.GetValue<string>()), reply.ToString());
                    Assert.Equal(before, await target.State(id));
                    if (target.Shown) unchanged = before;
                }
            }, iter: target.Shown ? Iterations / 5 : Iterations, threads: 1, print: m => Mutate(target.Valid, m));
        }
        output.WriteLine($"{cases} mutated write requests, {refused} refused");
        Assert.InRange(refused, cases / 2, cases - 1); // mostly refused, yet some mutations stay valid
        await StillServesAsync();
    }

    [Fact]
    public async Task Random_ids_in_paths_are_answered_without_5xx()
    {
        var cases = 0;
        var targets = await TargetsAsync();
        var ids = Gen.OneOf(Gen.String[Gen.Char, 1, 80], Gen.String[Gen.Char.AlphaNumeric, 60, 200],
            Gen.OneOf(Gen.Const(".."), Gen.Const("%2e%2e"), Gen.Const("a%2Fb"), Gen.Const("%00"), Gen.Const("returnee:x"),
                Gen.Const("020235")));
        await ids.SampleAsync(async id =>
        {
            foreach (var target in targets)
            {
                var path = target.Path(Uri.EscapeDataString(id));
                var put = await _api.PutRaw(path, target.Valid.ToJsonString());
                var get = await _api.Get(path.StartsWith("/returnees/") && path.Count(c => c == '/') == 2
                    ? path
                    : $"/communities/{Uri.EscapeDataString(id)}");
                Interlocked.Add(ref cases, 2);
                Assert.True((int)put.Status < 500 && (int)get.Status < 500, $"{path}: {put} / {get}");
            }
        }, iter: 60, threads: 1);
        output.WriteLine($"{cases} requests with random ids");
        await StillServesAsync();
    }

    [Fact]
    public async Task Mutated_NDJSON_imports_keep_the_good_lines_and_store_nothing_of_the_rejected_ones()
    {
        var community = await _api.NewCommunity(Country);
        var valid = Obj(new { kind = "community", communityId = "x", country = Country, name = "Line" });
        var lines = Gen.Select(Mutations, Gen.Bool).Array[1, 8];
        var total = 0;
        await lines.SampleAsync(async drawn =>
        {
            var ids = drawn.Select(_ => Ids.New("nd")).ToList();
            var text = string.Join("\n", drawn.Select((d, i) =>
            {
                var line = (JsonObject)valid.DeepClone();
                line["communityId"] = ids[i];
                return d.Item2 ? line.ToJsonString() : Mutate(line, d.Item1);
            }));
            var reply = await _api.IngestRaw(text + "\n");
            Interlocked.Add(ref total, drawn.Length);
            Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
            var report = reply.Json;
            var rejected = report["errors"]!.AsArray().Select(e => (int)e!["line"]!.GetValue<long>()).ToHashSet();
            var nonBlank = text.Split('\n').Count(l => !string.IsNullOrWhiteSpace(l));
            Assert.Equal(nonBlank, report["accepted"]!.GetValue<long>() + report["rejected"]!.GetValue<long>());
            for (var i = 0; i < ids.Count; i++)
            {
                if (!rejected.Contains(i + 1)) continue;
                // A rejected line may have named another id (a mutation can change it); its own id must not exist.
                Assert.Equal(HttpStatusCode.NotFound, (await _api.Get($"/communities/{ids[i]}")).Status);
            }
        }, iter: ImportIterations, threads: 1);
        output.WriteLine($"{total} NDJSON lines in {ImportIterations} mutated imports (community {community})");
        await StillServesAsync();
    }

    [Fact]
    public async Task Random_and_mutated_CSV_imports_are_answered_without_5xx_and_rejected_rows_store_nothing()
    {
        var (_, caseId) = await _api.NewReturnee(Country);
        var header = "caseId,surveyId,date,round,employed,food_reduction";
        var rows = Gen.Select(Gen.Int[0, 6], Gen.String[Gen.Char, 0, 12], Gen.Int[0, 40]).Array[1, 8];
        var bodies = 0;
        await Gen.Select(rows, Gen.Bool, Gen.String[Gen.Char, 0, 30]).SampleAsync(async (drawn, damageHeader, noise) =>
        {
            var ids = drawn.Select(_ => Ids.New("cs")).ToList();
            var text = new StringBuilder(damageHeader ? header.Replace("round", noise) : header).Append('\n');
            for (var i = 0; i < drawn.Length; i++)
            {
                var (kind, garbage, days) = drawn[i];
                string[] fields = [caseId, ids[i], Days.Ago(days), "m3", "yes", "2"];
                if (kind < fields.Length) fields[kind] = garbage.Contains(',') ? $"\"{garbage.Replace("\"", "\"\"")}\"" : garbage;
                text.Append(kind == 6 ? garbage : string.Join(',', fields)).Append('\n');
            }
            var reply = await _api.Send(new HttpRequestMessage(HttpMethod.Post, ApiClient.Base + "/ingest")
            {
                Content = new StringContent(text.ToString(), Encoding.UTF8, "text/csv"),
            });
            Interlocked.Increment(ref bodies);
            Assert.True((int)reply.Status < 500, $"{reply}\n{text}");
            if (reply.Status != HttpStatusCode.OK) return;
            var stored = (await _api.MustGet($"/returnees/{caseId}"))["surveys"]!.AsArray()
                .Select(s => s!["surveyId"]!.GetValue<string>()).ToHashSet();
            // Rows map to lines 2, 3, ... only when no drawn text breaks a line or opens a quote.
            if (drawn.Any(d => d.Item2.IndexOfAny(['\n', '\r', '"']) >= 0) || noise.IndexOfAny(['\n', '\r', '"', ',']) >= 0) return;
            var rejected = reply.Json["errors"]!.AsArray().Select(e => e!["line"]!.GetValue<long>()).ToHashSet();
            for (var i = 0; i < ids.Count; i++)
                if (rejected.Contains(i + 2)) Assert.DoesNotContain(ids[i], stored);
        }, iter: Iterations, threads: 1);
        output.WriteLine($"{bodies} CSV imports");
        await StillServesAsync();
    }

    private async Task StillServesAsync()
    {
        Assert.Equal(HttpStatusCode.OK, (await _api.Http.GetAsync("/health/ready")).StatusCode);
        var community = await _api.NewCommunity(Country);
        Assert.Equal(Country, (await _api.MustGet($"/communities/{community}"))["country"]!.GetValue<string>());
    }
}
