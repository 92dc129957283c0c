using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ExcelDataReader;
using nietras.SeparatedValues;
using Reintegration.Analytics.Domain.Snapshots;
using Reintegration.Analytics.Host.Demo;
using Reintegration.Analytics.Host.Tests.Infrastructure;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Host.Tests;

/// <summary>
/// A snapshot of the demo programme (k = 5) downloaded in every format: each is read back by a reader of its own
/// (System.Text.Json, Sep for CSV and HXL, ExcelDataReader for XLSX) to the same rows, every download of a format is
/// the same bytes, HXL's hashtag row is valid, and the table hides no figure that its other rows reveal.
/// </summary>
public sealed class SnapshotExportTests(SnapshotExportTests.DemoSnapshot demo) : IClassFixture<SnapshotExportTests.DemoSnapshot>
{
    public sealed class DemoHost : ApiFactory
    {
        protected override int MinimumCellSize => 5;
    }

    /// <summary>The demo programme on a host of its own, one snapshot of it, and every format downloaded twice.</summary>
    public sealed class DemoSnapshot : IAsyncLifetime
    {
        public DemoHost Host { get; } = new();
        public string Id { get; private set; } = "";
        public IReadOnlyList<SnapshotRow> Rows { get; private set; } = [];
        public Dictionary<string, (byte[] First, byte[] Second)> Downloads { get; } = [];

        public async Task InitializeAsync()
        {
            var lines = DemoProgramme.Lines(Days.Today).ToArray();
            Assert.Equal(0, (await Host.Api.Ingest(lines)).Json["rejected"]!.GetValue<long>());
            var returnees = lines.Count(l => l.Contains("\"kind\":\"returnee\"", StringComparison.Ordinal));
            await Host.Api.Eventually("/global", g => Assert.Equal(returnees, g["returnees"]!.GetValue<long>()), TimeSpan.FromSeconds(30));
            Id = await Host.Api.TakeAsync(label: "demo");
            foreach (var format in new[] { "json", "csv", "hxl", "xlsx" })
                Downloads[format] = (await Host.Api.DownloadAsync(Id, format), await Host.Api.DownloadAsync(Id, format));
            Rows = await Host.Api.RowsAsync(Id);
        }

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    [Fact]
    public void Every_download_of_a_snapshot_is_the_same_bytes()
    {
        foreach (var (format, (first, second)) in demo.Downloads)
            Assert.True(first.AsSpan().SequenceEqual(second), $"two downloads of {format} differ");
    }

    [Fact]
    public void The_table_covers_every_level_and_protects_its_small_cells()
    {
        Assert.Equal(["global", "region", "country", "community"], demo.Rows.Select(r => r.Level).Distinct());
        Assert.Contains(demo.Rows, r => r.Suppressed);
        SnapshotOracle.AssertProtected(demo.Rows, 5);
    }

    [Fact]
    public async Task The_live_documents_hide_exactly_what_the_snapshot_of_the_same_figures_hides()
    {
        // The demo is not written to after the snapshot: the live table and the snapshot hold the same figures. Both are
        // protected as one table (a community table against its country, countries against their region), so the oracle's
        // proof over the snapshot's rows holds for the documents too.
        var api = demo.Host.Api;
        var documents = new List<(string Level, string Code, JsonNode Document)> { ("global", "global", await api.MustGet("/global")) };
        foreach (var region in documents[0].Document["regions"]!.AsArray().Select(r => r!.GetValue<string>()))
        {
            var regionDocument = await api.MustGet($"/regions/{region}");
            documents.Add(("region", region, regionDocument));
            foreach (var country in regionDocument["countries"]!.AsArray().Select(c => c!.GetValue<string>()))
            {
                documents.Add(("country", country, await api.MustGet($"/countries/{country}")));
                foreach (var community in (await api.MustGet($"/countries/{country}/communities"))["communities"]!.AsArray())
                    documents.Add(("community", community!["communityId"]!.GetValue<string>(), community));
            }
        }
        Assert.Equal(demo.Rows.Select(r => (r.Level, r.UnitCode)).Distinct().Count(), documents.Count);

        var hidden = 0;
        foreach (var (level, code, document) in documents)
        {
            SnapshotRow Row(string indicator) => demo.Rows.Single(r => r.Level == level && r.UnitCode == code && r.Indicator == indicator
                && r.Group == SnapshotGroups.Total);
            foreach (var (indicator, figure) in new[]
                     {
                         ("returnees", document["returnees"]), ("surveyed", document["surveyed"]),
                         ("score_composite_mean", document["scores"]!["composite"]!["mean"]),
                         ("followup_due", document["followUp"]!["due"]), ("followup_covered", document["followUp"]!["covered"]),
                     })
            {
                var row = Row(indicator);
                Assert.True(row.Suppressed == figure is null, $"{level} {code}: {indicator} is {figure?.ToJsonString() ?? "hidden"}, "
                    + $"the snapshot's row is {(row.Suppressed ? "suppressed" : row.Value)}");
                if (figure is not null) Assert.Equal(row.Value!.Value, figure.GetValue<double>(), 9);
                if (figure is null) hidden++;
            }
        }
        Assert.True(hidden > 0, "the demo hides no figure these documents show");
    }

    [Fact]
    public void Csv_reads_back_to_the_json_rows()
    {
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromText(Encoding.UTF8.GetString(demo.Downloads["csv"].First));
        var rows = new List<SnapshotRow>();
        foreach (var row in reader)
        {
            Assert.Equal(demo.Id, row["snapshot_id"].ToString());
            rows.Add(new SnapshotRow(row["level"].ToString(), row["unit_code"].ToString(), row["unit_name"].ToString(),
                Text(row["country"].ToString()), Text(row["region"].ToString()), row["indicator"].ToString(), row["group"].ToString(), Number(row["value"].ToString()),
                Number(row["numerator"].ToString()), Number(row["denominator"].ToString()), (long?)Number(row["n"].ToString()),
                bool.Parse(row["suppressed"].ToString())));
        }
        Assert.Equal(demo.Rows, rows);
    }

    [Fact]
    public void Xlsx_has_a_readme_and_a_sheet_per_level_that_read_back_to_the_json_rows()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance); // ExcelDataReader asks for code page 1252 at start
        using var stream = new MemoryStream(demo.Downloads["xlsx"].First);
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
        var sheets = new List<string>();
        var rows = new List<SnapshotRow>();
        var readme = new StringBuilder();
        do
        {
            sheets.Add(reader.Name);
            var header = true;
            while (reader.Read())
            {
                if (reader.Name == "README")
                {
                    for (var i = 0; i < reader.FieldCount; i++) readme.Append(reader.GetValue(i)).Append('\t');
                    continue;
                }
                if (header)
                {
                    Assert.Equal("snapshot_id", reader.GetString(0));
                    header = false;
                    continue;
                }
                double? Cell(int i) => reader.IsDBNull(i) ? null : reader.GetDouble(i);
                string? TextCell(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
                rows.Add(new SnapshotRow(reader.GetString(3), reader.GetString(4), reader.GetString(5), TextCell(6), TextCell(7),
                    reader.GetString(8), reader.GetString(9), Cell(10), Cell(11), Cell(12), (long?)Cell(13), reader.GetBoolean(14)));
            }
        } while (reader.NextResult());
        Assert.Equal(["README", "global", "regions", "countries", "communities"], sheets);
        Assert.Contains("Suppression", readme.ToString());
        Assert.Contains("followup_coverage", readme.ToString());
        Assert.Contains("rss-default-v1", readme.ToString());
        Assert.Equal(demo.Rows, rows);
    }

    [Fact]
    public void Hxl_has_a_valid_hashtag_row_and_numbers_only_in_its_value_columns()
    {
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromText(Encoding.UTF8.GetString(demo.Downloads["hxl"].First));
        var columns = reader.Header.ColNames.Count;
        var lines = new List<string[]>();
        foreach (var row in reader)
        {
            var line = new string[columns];
            for (var i = 0; i < columns; i++) line[i] = row[i].ToString();
            lines.Add(line);
        }
        var tags = lines[0];
        var hashtag = new Regex("^#[a-z][a-z0-9_]*(\\+[a-z][a-z0-9_]*)*$");
        Assert.All(tags, t => Assert.Matches(hashtag, t));
        Assert.Equal(tags.Length, tags.Distinct().Count());
        foreach (var tag in new[] { "#country+code", "#region+code", "#loc+code", "#loc+name", "#indicator+code", "#indicator+value+num",
                     "#meta+n", "#date", "#indicator+value+num+f", "#indicator+value+num+m", "#meta+n+f" })
            Assert.Contains(tag, tags);

        var expected = demo.Rows.ToDictionary(r => (r.Level, r.UnitCode, r.Indicator, r.Group));
        var column = tags.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i);
        var compared = 0;
        foreach (var line in lines.Skip(1))
        {
            foreach (var group in SnapshotGroups.All)
            {
                var value = line[column["#indicator+value+num" + SnapshotGroups.HxlAttribute(group)]];
                var n = line[column["#meta+n" + SnapshotGroups.HxlAttribute(group)]];
                var key = (line[column["#meta+level"]], line[column["#loc+code"]], line[column["#indicator+code"]], group);
                if (expected.TryGetValue(key, out var row))
                {
                    Assert.Equal(row.Value, Number(value));
                    Assert.Equal(row.N, (long?)Number(n));
                    compared++;
                }
                else
                {
                    Assert.Equal("", value);
                }
            }
        }
        Assert.Equal(demo.Rows.Count, compared);
    }

    [Fact]
    public async Task A_snapshot_can_be_listed_and_its_errors_are_problems()
    {
        var list = await demo.Host.Api.MustGet("/snapshots");
        var listed = list["snapshots"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == demo.Id)!;
        Assert.Equal("demo", listed["label"]!.GetValue<string>());
        Assert.Equal(demo.Rows.Count, listed["rows"]!.GetValue<long>());

        ApiClient.AssertProblem(await demo.Host.Api.Get("/snapshots/nope?format=csv"), HttpStatusCode.NotFound, "id");
        ApiClient.AssertProblem(await demo.Host.Api.Get($"/snapshots/{demo.Id}?format=pdf"), HttpStatusCode.BadRequest, "format");
        ApiClient.AssertProblem(await demo.Host.Api.Get($"/snapshots/{demo.Id}/diff/nope"), HttpStatusCode.NotFound, "b");
        foreach (var (body, field) in new[] { ("{\"scope\":\"WCA,SEN\"}", "scope"), ("{\"scope\":\"XXX\"}", "scope"),
                     ("{\"lable\":\"x\"}", "lable"),
                     ($"{{\"label\":\"{new string('x', 201)}\"}}", "label"), ("[1]", "body"), ("{\"scope\":5}", "scope") })
        {
            var reply = await demo.Host.Api.Send(new HttpRequestMessage(HttpMethod.Post, ApiClient.Base + "/snapshots")
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            });
            ApiClient.AssertProblem(reply, HttpStatusCode.BadRequest, field);
        }
    }

    private static string? Text(string value) => value.Length == 0 ? null : value;

    private static double? Number(string value) => value.Length == 0 ? null : double.Parse(value, CultureInfo.InvariantCulture);
}
