using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Reintegration.Analytics.Host.Metrics;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Host.Tests.Monitoring;

/// <summary>
/// <c>GET /metrics</c> of a real host with the demo programme: the business gauges equal the API, pass
/// <c>promtool check metrics</c>, follow the small-cell rule, and both silos export the same figures.
/// </summary>
[Collection(MonitoringFixture.Collection)]
public sealed class MetricsEndpointTests(MonitoringFixture fixture)
{
    private static readonly string[] DemoCountries = ["SEN", "GIN", "NGA", "MLI", "ETH", "SOM", "AFG", "BGD", "IRQ", "GTM", "HND"];

    /// <summary>SPEC §3.2 fixes this gauge's name; promtool's naming lint expects <c>_count</c> on histograms only.</summary>
    private const string FixedNameLint = "reintegration_score_count non-histogram and non-summary metrics should not have \"_count\" suffix";

    [Fact]
    public async Task Promtool_finds_nothing_wrong_with_our_families()
    {
        var text = await fixture.MetricsAsync(fixture.First);
        string[] families = ["reintegration_", ServiceMetrics.GcPauseSeries];
        var ours = string.Join('\n', text.Split('\n').Where(l => families.Any(f => l.StartsWith(f) || l.StartsWith($"# HELP {f}")
            || l.StartsWith($"# TYPE {f}")))) + "\n";
        Assert.Contains("reintegration_ingest_records_total", ours);
        Assert.Contains("reintegration_score_mean_ratio", ours);
        Assert.Contains($"# TYPE {ServiceMetrics.GcPauseSeries} counter", ours);

        var promtool = PrometheusServer.Binary("promtool") ?? throw new InvalidOperationException("promtool is not on PATH (apt-get install prometheus)");
        var info = new ProcessStartInfo(promtool, ["check", "metrics"])
            { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(ours);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var problems = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l != FixedNameLint).ToList();
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task The_time_paused_by_the_garbage_collector_is_counted_and_only_grows()
    {
        var before = MetricsText.Parse(await fixture.MetricsAsync(fixture.First), ServiceMetrics.GcPauseSeries).Single().Value;
        // Starting a silo and seeding the demo programme takes collections, each a pause of some microseconds at least.
        Assert.True(before > 0, $"{ServiceMetrics.GcPauseSeries} is {before} after the demo was seeded");
        await fixture.Api.GetStringAsync("/api/v1/compare");
        var after = MetricsText.Parse(await fixture.MetricsAsync(fixture.First), ServiceMetrics.GcPauseSeries).Single().Value;
        Assert.True(after >= before, $"{ServiceMetrics.GcPauseSeries} went back from {before} to {after}");
    }

    [Fact]
    public async Task Every_country_series_equals_what_the_api_answers_on_both_silos()
    {
        foreach (var silo in new[] { fixture.First, fixture.Second })
        {
            var samples = MetricsText.Parse(await fixture.MetricsAsync(silo));
            foreach (var country in DemoCountries)
            {
                var document = (await fixture.Api.GetFromJsonAsync<JsonNode>($"/api/v1/countries/{country}"))!;
                ApiFigures.AssertCountrySeries(samples, document, country, silo.Url.ToString());
                Assert.Contains(samples, s => s.Labels["__name__"] == "reintegration_assistance_usd" && s.Labels.GetValueOrDefault("country") == country);
            }
        }
    }

    [Fact]
    public async Task A_country_under_k_exports_nothing_and_leaves_when_it_falls_under_k()
    {
        // Iceland, Norway and Denmark are in no other test of this fixture; region EEA is compared nowhere. Norway's 3 are
        // hidden, and so is Denmark's 5 beside them (the region's total minus Iceland's would give Norway's back).
        await Put("/api/v1/communities/mon.isl", """{"country":"ISL","name":"Reykjavík"}""");
        await Put("/api/v1/communities/mon.nor", """{"country":"NOR","name":"Oslo"}""");
        await Put("/api/v1/communities/mon.dnk", """{"country":"DNK","name":"Aarhus"}""");
        for (var i = 0; i < 7; i++) await Returnee($"mon-isl-{i}", "ISL", "mon.isl");
        for (var i = 0; i < 3; i++) await Returnee($"mon-nor-{i}", "NOR", "mon.nor");
        for (var i = 0; i < 5; i++) await Returnee($"mon-dnk-{i}", "DNK", "mon.dnk");

        double? Returnees(IReadOnlyList<PromSample> samples, string country) => samples
            .SingleOrDefault(s => s.Labels["__name__"] == "reintegration_returnees" && s.Labels.GetValueOrDefault("country") == country)?.Value;
        await Eventually(async () =>
        {
            var samples = MetricsText.Parse(await fixture.MetricsAsync(fixture.Second));
            Assert.Equal(7, Returnees(samples, "ISL"));
            Assert.DoesNotContain(samples, s => s.Labels.GetValueOrDefault("country") == "NOR");
            Assert.Null(Returnees(samples, "DNK"));
        });

        for (var i = 0; i < 3; i++) await Returnee($"mon-isl-{i}", "NOR", "mon.nor"); // move: ISL 4, NOR 6
        await Eventually(async () =>
        {
            var samples = MetricsText.Parse(await fixture.MetricsAsync(fixture.Second));
            Assert.DoesNotContain(samples, s => s.Labels.GetValueOrDefault("country") == "ISL");
            Assert.Equal(6, Returnees(samples, "NOR"));
        });
    }

    [Fact]
    public async Task Ingest_outcomes_are_counted_by_kind_once_each()
    {
        var before = MetricsText.Parse(await fixture.MetricsAsync(fixture.First), "reintegration_ingest_records_total");
        var durationBefore = MetricsText.Parse(await fixture.MetricsAsync(fixture.First), "reintegration_ingest_duration_seconds_count").Single().Value;
        var body = string.Join('\n',
            """{"kind":"community","communityId":"mon.count","country":"TCD","name":"N'Djamena"}""",
            """{"kind":"community","communityId":"mon.count","country":"TCD","name":"N'Djamena"}""",
            """{"kind":"survey","caseId":"mon-nobody","surveyId":"s1","date":"2026-01-01","round":"m3","answers":{"employed":"maybe"}}""",
            "not json") + "\n";
        (await fixture.Api.PostAsync("/api/v1/ingest", new StringContent(body))).EnsureSuccessStatusCode();

        var after = MetricsText.Parse(await fixture.MetricsAsync(fixture.First), "reintegration_ingest_records_total");
        double Delta(string kind, string outcome) =>
            after.Where(s => s.Labels["kind"] == kind && s.Labels["outcome"] == outcome).Sum(s => s.Value)
            - before.Where(s => s.Labels["kind"] == kind && s.Labels["outcome"] == outcome).Sum(s => s.Value);
        Assert.Equal(1, Delta("community", "applied"));
        Assert.Equal(1, Delta("community", "unchanged"));
        Assert.Equal(1, Delta("survey", "rejected"));
        Assert.Equal(1, Delta("unknown", "rejected"));
        var durationAfter = MetricsText.Parse(await fixture.MetricsAsync(fixture.First), "reintegration_ingest_duration_seconds_count").Single().Value;
        Assert.Equal(2, durationAfter - durationBefore); // the two applied lines; rejected lines never reached a grain
    }

    private async Task Put(string path, string json) =>
        (await fixture.Api.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

    private Task Returnee(string caseId, string country, string community) =>
        Put($"/api/v1/returnees/{caseId}", $$"""{"country":"{{country}}","communityId":"{{community}}","sex":"female","returnDate":"2025-03-01","returnType":"avrr"}""");

    private static async Task Eventually(Func<Task> assertion)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Exception) when (started.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(100);
            }
        }
    }
}
