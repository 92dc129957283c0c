using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Npgsql;

namespace Reintegration.Analytics.Host.Tests.Monitoring;

/// <summary>
/// The dashboards and rules as shipped in <c>grafana/</c>, run against the real stack: every panel's
/// PromQL on the real Prometheus and every SQL panel on the PostgreSQL read model return data, every
/// recording rule has series, and region and global roll-ups equal Σ mean·n / Σ n over the countries
/// the API shows (and the API's own region figures where no country of the region is suppressed).
/// </summary>
[Collection(MonitoringFixture.Collection)]
public sealed partial class DashboardQueryTests(MonitoringFixture fixture)
{
    private const string Country = "SEN";
    private const string Region = "WCA";

    private static IEnumerable<(string Dashboard, string Panel, string DatasourceUid, string Query)> PanelQueries()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(MonitoringFixture.RepositoryRoot, "grafana", "dashboards"), "*.json"))
        {
            var dashboard = JsonNode.Parse(File.ReadAllText(file))!;
            foreach (var panel in Panels(dashboard["panels"]!.AsArray()))
            {
                var uid = panel["datasource"]!["uid"]!.GetValue<string>();
                foreach (var target in panel["targets"]?.AsArray() ?? [])
                {
                    var query = target!["expr"]?.GetValue<string>() ?? target["rawSql"]?.GetValue<string>();
                    if (query is not null) yield return (Path.GetFileName(file), panel["title"]!.GetValue<string>(), uid, query);
                }
            }
        }
    }

    private static IEnumerable<JsonNode> Panels(JsonArray panels) =>
        panels.SelectMany(p => p!["panels"] is JsonArray nested ? Panels(nested).Prepend(p) : [p!]);

    [Fact]
    public void Dashboards_have_unique_uids_and_every_panel_a_provisioned_datasource_title_description_and_unit()
    {
        var provisioned = File.ReadAllText(Path.Combine(MonitoringFixture.RepositoryRoot, "grafana", "provisioning", "datasources", "datasources.yml"));
        var uids = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(MonitoringFixture.RepositoryRoot, "grafana", "dashboards"), "*.json"))
        {
            var dashboard = JsonNode.Parse(File.ReadAllText(file))!;
            uids.Add(dashboard["uid"]!.GetValue<string>());
            foreach (var panel in Panels(dashboard["panels"]!.AsArray()))
            {
                var what = $"{Path.GetFileName(file)}: {panel["title"]}";
                Assert.False(string.IsNullOrWhiteSpace(panel["title"]?.GetValue<string>()), what);
                Assert.False(string.IsNullOrWhiteSpace(panel["description"]?.GetValue<string>()), $"{what}: description");
                Assert.False(string.IsNullOrWhiteSpace(panel["fieldConfig"]?["defaults"]?["unit"]?.GetValue<string>()), $"{what}: unit");
                var uid = panel["datasource"]?["uid"]?.GetValue<string>();
                Assert.True(uid is not null && provisioned.Contains($"uid: {uid}"), $"{what}: datasource {uid} is not provisioned");
            }
        }
        Assert.Equal(3, uids.Count);
        Assert.Equal(uids.Count, uids.Distinct().Count());
    }

    [Fact]
    public async Task Every_dashboard_query_returns_data_on_the_real_servers()
    {
        var queries = PanelQueries().ToList();
        Assert.True(queries.Count >= 30, $"only {queries.Count} panel queries");
        await using var database = new NpgsqlConnection(fixture.ConnectionString);
        await database.OpenAsync();
        var compared = 0;
        foreach (var (dashboard, panel, uid, query) in queries)
        {
            var what = $"{dashboard} / {panel}";
            if (uid == "prometheus")
            {
                var promql = Instantiate(query, sql: false);
                var series = await Eventually(() => fixture.Prometheus.QueryAsync(promql), r => r.Count > 0);
                Assert.True(series.Count > 0, $"{what}: no series for {promql}");
                compared += await AssertCountryValuesEqualTheApi(promql, series, what);
            }
            else
            {
                await using var command = new NpgsqlCommand(Instantiate(query, sql: true), database);
                await using var reader = await command.ExecuteReaderAsync();
                Assert.True(await reader.ReadAsync(), $"{what}: no rows");
            }
        }
        Assert.True(compared >= 20, $"only {compared} panel values were compared with the API");
    }

    /// <summary>
    /// A panel over one business family: each series of a country equals that country's API figure (the
    /// labels a panel aggregates away, such as <c>status="open"</c>, are read from its selector).
    /// </summary>
    private async Task<int> AssertCountryValuesEqualTheApi(string promql, IReadOnlyList<TestSupport.PromSample> series, string what)
    {
        var families = BusinessFamily().Matches(promql).Select(m => m.Value).Distinct().ToList();
        if (families.Count != 1) return 0;
        var selected = SelectorLabel().Matches(promql).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var compared = 0;
        foreach (var sample in series.Where(s => s.Labels.ContainsKey("country")))
        {
            var country = sample.Labels["country"];
            var document = (await fixture.Api.GetFromJsonAsync<JsonNode>($"/api/v1/countries/{country}"))!;
            if (families[0] == "reintegration_assistance_usd")
            {
                Assert.Equal(document["assistance"]!["byType"]![sample.Labels["type"]]!["amountUsd"]!.GetValue<double>(), sample.Value, 6);
                compared++;
                continue;
            }
            var labels = new Dictionary<string, string>(sample.Labels) { ["__name__"] = families[0] };
            foreach (var (name, value) in selected) labels.TryAdd(name, value);
            var key = ApiFigures.KeyOf(labels);
            var expected = ApiFigures.ExpectedSeries(document);
            Assert.True(expected.ContainsKey(key), $"{what}: {key} of {country} is shown but the API has no such figure");
            Assert.True(Math.Abs(expected[key] - sample.Value) < 1e-9, $"{what}: {key} of {country} is {sample.Value}, the API says {expected[key]}");
            compared++;
        }
        return compared;
    }

    [GeneratedRegex(@"(?<![:\w])reintegration_(?!ingest|aggregate)[a-z_]+")]
    private static partial Regex BusinessFamily();

    [GeneratedRegex(@"\b(dimension|status|type)=""([^""]+)""")]
    private static partial Regex SelectorLabel();

    [Fact]
    public async Task Every_recording_rule_has_series_and_roll_ups_equal_the_api()
    {
        var rules = RecordRule().Matches(string.Join('\n', Directory.GetFiles(MonitoringFixture.RulesDirectory, "*.yml").Select(File.ReadAllText)))
            .Select(m => m.Groups[1].Value).ToList();
        Assert.True(rules.Count >= 20, $"only {rules.Count} recording rules");
        foreach (var rule in rules)
            Assert.True((await Eventually(() => fixture.Prometheus.QueryAsync(rule), r => r.Count > 0)).Count > 0, $"{rule}: no series");

        var everyShown = new List<JsonNode>();
        foreach (var region in (await fixture.Api.GetFromJsonAsync<JsonNode>("/api/v1/global"))!["regions"]!.AsArray().Select(r => r!.GetValue<string>()))
        {
            var document = (await fixture.Api.GetFromJsonAsync<JsonNode>($"/api/v1/regions/{region}"))!;
            var shown = new List<JsonNode>();
            foreach (var country in document["countries"]!.AsArray().Select(c => c!.GetValue<string>()))
            {
                var countryDocument = (await fixture.Api.GetFromJsonAsync<JsonNode>($"/api/v1/countries/{country}"))!;
                if (countryDocument["returnees"]?.GetValue<long>() >= MonitoringFixture.MinimumCellSize) shown.Add(countryDocument);
            }
            if (shown.Count == 0) continue; // a region of suppressed countries only has no roll-up series at all
            await AssertRollUps("region", $"region=\"{region}\"", shown, region == Region ? document : null);
            everyShown.AddRange(shown);
        }
        Assert.Contains(everyShown, c => c["country"]!.GetValue<string>() == Country);
        await AssertRollUps("global", null, everyShown, null);
    }

    /// <summary>Σ over the shown countries, from their API documents; and the region's own figures when all its countries are shown.</summary>
    private async Task AssertRollUps(string level, string? selector, List<JsonNode> shown, JsonNode? regionDocument)
    {
        // A figure no country shows has no roll-up series at all (null here).
        double? Sum(Func<JsonNode, double?> value) => shown.Any(c => value(c) is not null) ? shown.Sum(c => value(c) ?? 0) : null;
        double? Weighted(Func<JsonNode, double?> value, Func<JsonNode, double?> n) => shown.Any(c => value(c) is not null)
            ? shown.Where(c => value(c) is not null).Sum(c => value(c)!.Value * n(c)!.Value) / shown.Where(c => value(c) is not null).Sum(c => n(c)!.Value)
            : null;
        static double? Number(JsonNode? node) => node?.GetValue<double>();
        string Query(string rule, string? extra = null) =>
            $"{level}:{rule}{{{string.Join(",", new[] { selector, extra }.Where(l => l is not null))}}}";

        var returnees = Query("reintegration_returnees:sum");
        var composite = Query("reintegration_score_mean_ratio:weighted", "dimension=\"composite\"");
        var coverage = Query("reintegration_followup_coverage_ratio:weighted");
        var expected = new Dictionary<string, double?>
        {
            [returnees] = Sum(c => Number(c["returnees"])),
            [composite] = Weighted(c => Number(c["scores"]!["composite"]!["mean"]), c => Number(c["scores"]!["composite"]!["n"])),
            [Query("reintegration_sustainable_share_ratio:weighted")] =
                Weighted(c => Number(c["sustainableShare"]), c => Number(c["scores"]!["composite"]!["n"])),
            [coverage] = Weighted(c => Number(c["followUpCoverage"]), c => Number(c["followUp"]!["due"])),
            [Query("reintegration_followup_returnees:sum", "status=\"overdue\"")] = Sum(c => Number(c["followUp"]!["overdue"])),
        };
        foreach (var (query, value) in expected)
        {
            bool Matches(IReadOnlyList<TestSupport.PromSample> r) =>
                value is null ? r.Count == 0 : r.Count == 1 && Math.Abs(r[0].Value - value.Value) < 1e-9;
            var series = await Eventually(() => fixture.Prometheus.QueryAsync(query), Matches);
            Assert.True(Matches(series), $"{query}: Prometheus {string.Join(", ", series.Select(s => s.Value))}, from the API {value}");
        }
        if (regionDocument is null) return;
        Assert.Equal(regionDocument["returnees"]!.GetValue<double>(), expected[returnees]);
        Assert.Equal(regionDocument["scores"]!["composite"]!["mean"]!.GetValue<double>(), expected[composite]!.Value, 9);
        Assert.Equal(regionDocument["followUpCoverage"]!.GetValue<double>(), expected[coverage]!.Value, 9);
    }

    /// <summary>Grafana's variables as a regional office in WCA looking at Senegal would have them.</summary>
    private static string Instantiate(string query, bool sql)
    {
        var result = query.Replace("$__rate_interval", "1m").Replace("$__range", "1h")
            .Replace("${country}", "$country").Replace("${region}", "$region");
        if (sql)
        {
            result = result.Replace("'$country'", $"'{Country}'").Replace("'$region'", $"'{Region}'")
                .Replace("$country", $"'{Country}'").Replace("$region", $"'{Region}'");
        }
        else
        {
            result = result.Replace("$country", Country).Replace("$region", Region);
        }
        Assert.DoesNotContain("$", result);
        return result;
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var value = await read();
        while (!done(value) && started.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(250);
            value = await read();
        }
        return value;
    }

    [GeneratedRegex(@"record:\s*(\S+)")]
    private static partial Regex RecordRule();
}
