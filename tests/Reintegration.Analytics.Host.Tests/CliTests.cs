using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using nietras.SeparatedValues;
using Reintegration.Analytics.Cli.Commands;
using Reintegration.Analytics.Domain.Instruments;
using Reintegration.Analytics.Host.Tests.Infrastructure;

namespace Reintegration.Analytics.Host.Tests;

/// <summary>
/// The <c>reintegration</c> command line against the API host: imports of CSV (KoboToolbox layout) and NDJSON files with
/// good and bad rows, the rejects file, a re-import that changes nothing, and snapshots created, listed, exported and compared.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CliTests(ApiFactory factory) : IDisposable
{
    private readonly ApiClient _api = factory.Api;
    private readonly string _directory = Directory.CreateTempSubdirectory("reintegration-cli-").FullName;

    [Fact]
    public async Task A_csv_import_keeps_the_good_rows_lists_each_bad_one_and_a_second_import_changes_nothing()
    {
        var communityId = await _api.NewCommunity("SYC", "cli");
        foreach (var caseId in new[] { "cli-1", "cli-2", "cli-3" })
            await _api.MustPut($"/returnees/{caseId}", Seed.Returnee("SYC", communityId, returnDate: Days.Ago(300)));
        var items = InstrumentCatalog.BuiltInDefault.Items.Select(i => i.Id).ToList();
        bool IsLikert(string item) =>
            InstrumentCatalog.BuiltInDefault.Items.First(x => x.Id == item).Scale.ToString().StartsWith("Likert", StringComparison.Ordinal);
        string Row(string caseId, string surveyId, string date, string answer) =>
            string.Join(",", new[] { caseId, surveyId, date, "baseline", "17", Days.Ago(1) }.Concat(items.Select(i =>
                i == "employed" ? "yes" : IsLikert(i) ? answer : "")));
        var header = string.Join(",", new[] { "caseId", "surveyId", "date", "round", "_id", "start" }
            .Concat(items.Select(i => i == "employed" ? "economic/employed" : i)));
        var csv = Write("surveys.csv", header,
            Row("cli-1", "s1", Days.Ago(30), "4"),
            Row("no-such-case", "s1", Days.Ago(30), "4"),
            Row("cli-2", "s1", Days.Ago(30), "4"),
            Row("cli-3", "s1", "2026-13-01", "4"),
            Row("cli-3", "s2", Days.Ago(20), "9"),
            "cli-3,s3,too,few",
            Row("cli-3", "s4", Days.Ago(10), "2"));
        var rejects = Path.Combine(_directory, "rejects.csv");

        var (exit, output) = await RunAsync("import", csv, "--rejects", rejects, "--batch", "2");
        Assert.Equal(ImportCommand.RejectedExitCode, exit);
        Assert.Contains("4 rejected records", output);
        Assert.Equal(header + ",_line,_error", File.ReadLines(rejects).First());
        using (var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(rejects))
        {
            var rows = new List<(string CaseId, string Line, string Error)>();
            foreach (var row in reader) rows.Add((row["caseId"].ToString(), row["_line"].ToString(), row["_error"].ToString()));
            Assert.Equal(["3", "5", "6", "7"], rows.Select(r => r.Line));
            Assert.Equal(["no-such-case", "cli-3", "cli-3", "cli-3"], rows.Select(r => r.CaseId));
            Assert.Contains("date", rows[1].Error);
            Assert.Contains("has 4 fields", rows[3].Error);
        }
        await _api.Eventually("/countries/SYC", c => Assert.Equal(3, c["surveyed"]!.GetValue<long>()));

        (exit, output) = await RunAsync("import", csv, "--rejects", rejects);
        Assert.Equal(ImportCommand.RejectedExitCode, exit);
        Assert.Matches(@"│ 7\s+│ 3\s+│ 3\s+│ 4 ", output);
        Assert.Equal(3, (await _api.MustGet("/countries/SYC"))["surveyed"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_ndjson_import_reports_bad_lines_by_their_line_in_the_file()
    {
        var communityId = await _api.NewCommunity("SYC", "clind");
        string Returnee(string caseId, string community) => JsonSerializer.Serialize(new
        {
            kind = "returnee", caseId, country = "SYC", communityId = community, sex = "male", returnDate = Days.Ago(40),
            returnType = "vhr",
        });
        var file = Write("records.ndjson", Returnee("clind-1", communityId), "", "{not json", Returnee("clind-2", "no-such-community"),
            Returnee("clind-3", communityId));
        var rejects = Path.Combine(_directory, "records.rejects.ndjson");

        var (exit, _) = await RunAsync("import", file, "--rejects", rejects);
        Assert.Equal(ImportCommand.RejectedExitCode, exit);
        var lines = File.ReadAllLines(rejects).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([3, 4], lines.Select(l => l.GetProperty("line").GetInt32()));
        Assert.Equal("{not json", lines[0].GetProperty("record").GetString());
        Assert.Contains("communityId", lines[1].GetProperty("field").GetString());
        await _api.MustGet("/returnees/clind-3");
    }

    [Fact]
    public async Task Snapshots_are_created_listed_exported_and_compared_from_the_command_line()
    {
        var communityId = await _api.NewCommunity("SYC", "clisnap");
        // The country learns of a new community within a push delay; the first snapshot must already hold it.
        await _api.Eventually("/countries/SYC/communities", c => Assert.Contains(communityId, c.ToJsonString()));
        var (exit, output) = await RunAsync("snapshot", "create", "--label", "before", "--scope", "SYC");
        Assert.True(exit == 0, output);
        Assert.Contains("ready", output);
        await _api.MustPut("/returnees/clisnap-1", Seed.Returnee("SYC", communityId));
        // Snapshots read the country's copies of its communities, which follow the community within a push delay.
        await _api.Eventually("/countries/SYC/communities", table =>
        {
            var community = table["communities"]!.AsArray().Single(c => c!["communityId"]!.GetValue<string>() == communityId)!;
            Assert.Equal(1, community["returnees"]!.GetValue<long>());
        });
        (exit, output) = await RunAsync("snapshot", "create", "--label", "after", "--scope", "SYC");
        Assert.True(exit == 0, output);

        var list = (await _api.MustGet("/snapshots"))["snapshots"]!.AsArray();
        var before = list.Last(s => s!["label"]?.GetValue<string>() == "before")!["id"]!.GetValue<string>();
        var after = list.Last(s => s!["label"]?.GetValue<string>() == "after")!["id"]!.GetValue<string>();
        (exit, output) = await RunAsync("snapshot", "list");
        Assert.Contains(after, output);

        foreach (var (format, name) in new[] { ("xlsx", "after.xlsx"), ("hxl", "after.hxl.csv") })
        {
            var path = Path.Combine(_directory, name);
            (exit, output) = await RunAsync("snapshot", "export", after, "--format", format, "--out", path);
            Assert.True(exit == 0, output);
            Assert.Equal(await _api.DownloadAsync(after, format), File.ReadAllBytes(path));
        }

        (exit, output) = await RunAsync("snapshot", "diff", before, after, "--limit", "500");
        Assert.True(exit == 0, output);
        Assert.True(Regex.IsMatch(output, @"community\s*│\s*clisnap-\S+\s*│\s*returnees\s*│\s*total\s*│\s*0\s*│\s*1\s*│\s*1"), output);

        var nowhere = Path.Combine(_directory, "x.csv");
        (exit, output) = await RunAsync("snapshot", "export", "no-such-snapshot", "--format", "csv", "--out", nowhere);
        Assert.Equal(1, exit);
        Assert.Contains("no snapshot 'no-such-snapshot'", output);
    }

    private Task<(int Exit, string Output)> RunAsync(params string[] args) => CliRun.RunAsync(factory.CreateClient, args);

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n", new UTF8Encoding(false));
        return path;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
