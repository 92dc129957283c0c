using System.Text.Json;
using Reintegration.Analytics.Domain.Snapshots;
using Reintegration.Analytics.Host.Tests.Infrastructure;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Host.Tests;

/// <summary>
/// Snapshots taken while ingest runs are internally consistent (every country exactly the sum of its communities),
/// the last one equals the live figures, and a diff of two snapshots shows both values and the change (k = 1 here).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SnapshotConsistencyTests(ApiFactory factory)
{
    private readonly ApiClient _api = factory.Api;

    [Fact]
    public async Task Snapshots_taken_during_heavy_ingest_add_up_and_the_last_one_equals_the_live_figures()
    {
        string[] countries = ["KHM", "LKA", "NPL"];
        var communities = countries.SelectMany(c => Enumerable.Range(0, 6).Select(i => (Id: $"snap-{c}-{i}", Country: c))).ToList();
        await _api.Ingest(communities
            .Select(c => Line(new { kind = "community", communityId = c.Id, country = c.Country, name = c.Id })).ToArray());

        var batches = Enumerable.Range(0, 6).Select(b => Enumerable.Range(0, 600).SelectMany(i =>
        {
            var (communityId, country) = communities[(b * 600 + i) % communities.Count];
            var caseId = $"snap-{b}-{i}";
            var returnee = Line(new
            {
                kind = "returnee", caseId, country, communityId, sex = i % 3 == 0 ? "male" : "female", ageAtReturn = 18 + i % 40,
                returnDate = Days.Ago(100 + i % 500), returnType = i % 2 == 0 ? "avrr" : "vhr",
            });
            return i % 4 == 0 ? new[] { returnee } : [returnee, SurveyLine(caseId, Days.Ago(50), new[] { "1", "3", "5" }[i % 3])];
        }).ToArray()).ToList();

        // A snapshot can take longer than the whole ingest on a loaded machine: the later batches wait for the first snapshots,
        // so that at least two are taken while batches are still coming in.
        var taken = 0;
        var ingest = Task.Run(async () =>
        {
            for (var b = 0; b < batches.Count; b++)
            {
                while (Volatile.Read(ref taken) < Math.Min(b / 2, 2)) await Task.Delay(10);
                Assert.Equal(0, (await _api.Ingest(batches[b])).Json["rejected"]!.GetValue<long>());
            }
        });
        var snapshots = new List<string>();
        while (!ingest.IsCompleted)
        {
            snapshots.Add(await _api.TakeAsync(string.Join(",", countries)));
            Interlocked.Increment(ref taken);
        }
        await ingest;
        foreach (var country in countries)
            await _api.Eventually($"/countries/{country}", d =>
            {
                Assert.Equal(1200, d["returnees"]!.GetValue<long>());
                Assert.Equal(900, d["surveyed"]!.GetValue<long>());
            }, TimeSpan.FromSeconds(30));
        var last = await _api.TakeAsync(string.Join(",", countries));

        var totals = new List<double>();
        foreach (var id in snapshots.Append(last))
        {
            var rows = await _api.RowsAsync(id);
            Assert.DoesNotContain(rows, r => r.Suppressed);
            foreach (var (parent, children) in SnapshotOracle.Hierarchy(rows))
            {
                Assert.Equal(parent.N ?? 0, children.Sum(c => c.N ?? 0));
                Assert.Equal(parent.Denominator ?? 0, children.Sum(c => c.Denominator ?? 0));
                Assert.Equal(parent.Numerator ?? parent.Value ?? 0, children.Sum(c => c.Numerator ?? c.Value ?? 0), 6);
            }
            totals.Add(rows.Where(r => r is { Level: "country", Indicator: "returnees", Group: "total" }).Sum(r => r.Value ?? 0));
        }
        Assert.True(snapshots.Count >= 2, $"only {snapshots.Count} snapshots were taken during the ingest");
        Assert.Equal(3600, totals[^1]);

        var lastRows = await _api.RowsAsync(last);
        foreach (var country in countries)
        {
            var live = await _api.MustGet($"/countries/{country}");
            double? Figure(string indicator) =>
                lastRows.Single(r => r.UnitCode == country && r.Indicator == indicator && r.Group == "total").Value;
            Assert.Equal(live["surveyed"]!.GetValue<double>(), Figure("surveyed"));
            Assert.Equal(live["scores"]!["composite"]!["mean"]!.GetValue<double>(), Figure("score_composite_mean")!.Value, 12);
        }
    }

    [Fact]
    public async Task A_diff_shows_both_values_and_the_change()
    {
        var communityId = await _api.NewCommunity("GNQ", "snapdiff");
        for (var i = 0; i < 3; i++) await _api.MustPut($"/returnees/snapdiff-a{i}", Seed.Returnee("GNQ", communityId));
        await _api.Eventually("/countries/GNQ", d => Assert.Equal(3, d["returnees"]!.GetValue<long>()));
        var before = await _api.TakeAsync("GNQ", "before");
        for (var i = 0; i < 2; i++) await _api.MustPut($"/returnees/snapdiff-b{i}", Seed.Returnee("GNQ", communityId, sex: "male"));
        await _api.Eventually("/countries/GNQ", d => Assert.Equal(5, d["returnees"]!.GetValue<long>()));
        var after = await _api.TakeAsync("GNQ", "after");

        var all = (await _api.MustGet($"/snapshots/{before}/diff/{after}"))["rows"]!.AsArray()
            .Select(r => r.Deserialize<SnapshotDiffRow>(ApiClient.Json)!).ToList();
        Assert.Equal((await _api.RowsAsync(after)).Count, all.Count);
        Assert.All(all, r => Assert.True(r.InA && r.InB));
        var changed = (await _api.MustGet($"/snapshots/{before}/diff/{after}?changed=true"))["rows"]!.AsArray()
            .Select(r => r.Deserialize<SnapshotDiffRow>(ApiClient.Json)!).ToList();
        Assert.Equal(all.Where(r => r.A != r.B).ToList(), changed);
        var returnees = changed.Single(r => r is { Level: "country", Indicator: "returnees", Group: "total" });
        Assert.Equal((3.0, 5.0, 2.0), (returnees.A, returnees.B, returnees.Change));
        var men = changed.Single(r => r is { Level: "country", Indicator: "returnees", Group: "sex:male" });
        Assert.Equal((0.0, 2.0, 2.0), (men.A, men.B, men.Change));
        Assert.DoesNotContain(changed, r => r.Indicator == "surveyed");
    }

    private static string Line(object record) => JsonSerializer.Serialize(record, ApiClient.Json);

    private static string SurveyLine(string caseId, string date, string likert)
    {
        var survey = UniformSurvey.Of(DateOnly.Parse(date), "baseline", likert);
        return Line(new
        {
            kind = "survey", caseId, surveyId = caseId + "-s", date, round = "baseline", answers = survey.Submission.Answers,
        });
    }
}
