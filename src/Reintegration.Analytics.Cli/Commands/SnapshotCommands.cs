using System.ComponentModel;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Reintegration.Analytics.Cli.Commands;

/// <summary><c>snapshot create</c>: asks for a snapshot and waits until it is built (unless <c>--no-wait</c>).</summary>
public sealed class SnapshotCreateCommand : AsyncCommand<SnapshotCreateCommand.Settings>
{
    public sealed class Settings : ServiceSettings
    {
        [CommandOption("--label <LABEL>")]
        [Description("A name for the snapshot, e.g. \"Q4 2026 donor report\"")]
        public string? Label { get; set; }

        [CommandOption("--scope <SCOPE>")]
        [Description("global (default), region codes (WCA,EHOA) or country codes (SEN,GIN)")]
        public string? Scope { get; set; }

        [CommandOption("--no-wait")]
        [Description("Return at once with the snapshot's id instead of waiting until it is ready")]
        public bool NoWait { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        var session = (CliSession)context.Data!;
        using var service = session.Connect(settings);
        var snapshot = await service.PostJsonAsync("snapshots", new { label = settings.Label, scope = settings.Scope }, cancellation);
        var id = snapshot["id"]!.GetValue<string>();
        if (!settings.NoWait)
            await session.Console.Status().StartAsync($"Building snapshot {id}", async _ =>
            {
                while (snapshot["status"]!.GetValue<string>() == "building")
                {
                    await Task.Delay(250, cancellation);
                    snapshot = await service.GetAsync($"snapshots/{Uri.EscapeDataString(id)}/status", cancellation);
                }
            });
        SnapshotTable.Write(session.Console, [snapshot]);
        if (snapshot["status"]!.GetValue<string>() == "failed") throw new CliException($"snapshot {id} failed: {snapshot["error"]}");
        return 0;
    }
}

/// <summary><c>snapshot list</c>: every snapshot with its label, scope, time, status and size.</summary>
public sealed class SnapshotListCommand : AsyncCommand<ServiceSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ServiceSettings settings, CancellationToken cancellation)
    {
        var session = (CliSession)context.Data!;
        using var service = session.Connect(settings);
        var list = await service.GetAsync("snapshots", cancellation);
        SnapshotTable.Write(session.Console, list["snapshots"]!.AsArray().Select(s => s!).ToList());
        return 0;
    }
}

/// <summary><c>snapshot export ID --format xlsx --out FILE</c>: downloads a snapshot in one of its formats.</summary>
public sealed class SnapshotExportCommand : AsyncCommand<SnapshotExportCommand.Settings>
{
    public static readonly string[] Formats = ["json", "csv", "hxl", "xlsx"];

    public sealed class Settings : ServiceSettings
    {
        [CommandArgument(0, "<ID>")]
        public string Id { get; set; } = "";

        [CommandOption("--format <FORMAT>")]
        [Description("json, csv, hxl (HXL-tagged CSV) or xlsx (default: from --out's extension, else csv)")]
        public string? Format { get; set; }

        [CommandOption("--out <FILE>")]
        [Description("Where to write it (default: snapshot-ID.FORMAT)")]
        public string? Out { get; set; }

        public string ChosenFormat => Format ?? (Out ?? "").ToLowerInvariant() switch
        {
            var name when name.EndsWith(".xlsx", StringComparison.Ordinal) => "xlsx",
            var name when name.EndsWith(".json", StringComparison.Ordinal) => "json",
            var name when name.EndsWith(".hxl.csv", StringComparison.Ordinal) || name.EndsWith(".hxl", StringComparison.Ordinal) => "hxl",
            _ => "csv",
        };

        public override ValidationResult Validate() => Formats.Contains(ChosenFormat)
            ? ValidationResult.Success()
            : ValidationResult.Error($"--format must be one of {string.Join(", ", Formats)}");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        var session = (CliSession)context.Data!;
        using var service = session.Connect(settings);
        var format = settings.ChosenFormat;
        var path = settings.Out ?? $"snapshot-{settings.Id}.{(format == "hxl" ? "hxl.csv" : format)}";
        var partial = path + ".part";
        long bytes;
        try
        {
            await using (var file = File.Create(partial))
                bytes = await service.DownloadAsync($"snapshots/{Uri.EscapeDataString(settings.Id)}?format={format}", file, cancellation);
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
        session.Console.MarkupLineInterpolated($"Wrote {path} ({bytes:N0} bytes, {format})");
        return 0;
    }
}

/// <summary><c>snapshot diff A B</c>: the rows whose value changed from A to B (all rows with <c>--all</c>).</summary>
public sealed class SnapshotDiffCommand : AsyncCommand<SnapshotDiffCommand.Settings>
{
    public sealed class Settings : ServiceSettings
    {
        [CommandArgument(0, "<A>")]
        public string A { get; set; } = "";

        [CommandArgument(1, "<B>")]
        public string B { get; set; } = "";

        [CommandOption("--all")]
        [Description("Show unchanged rows too")]
        public bool All { get; set; }

        [CommandOption("--limit <N>")]
        [Description("Rows to print at most (default 50; the total is always shown)")]
        public int Limit { get; set; } = 50;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        var session = (CliSession)context.Data!;
        using var service = session.Connect(settings);
        var path = $"snapshots/{Uri.EscapeDataString(settings.A)}/diff/{Uri.EscapeDataString(settings.B)}";
        var diff = await service.GetAsync(path + (settings.All ? "" : "?changed=true"), cancellation);
        var rows = diff["rows"]!.AsArray();
        var table = new Table().AddColumns("level", "unit", "indicator", "group", settings.A, settings.B, "change");
        foreach (var row in rows.Take(settings.Limit))
            table.AddRow(Text(row!["level"]), Text(row["unitCode"]), Text(row["indicator"]), Text(row["group"]),
                Value(row["a"], row["aSuppressed"], row["inA"]), Value(row["b"], row["bSuppressed"], row["inB"]), Text(row["change"]));
        session.Console.Write(table);
        var shown = rows.Count > settings.Limit ? $", first {settings.Limit} shown" : "";
        session.Console.MarkupLineInterpolated($"{rows.Count:N0} {(settings.All ? "rows" : "changed rows")}{shown}");
        return 0;
    }

    private static string Text(JsonNode? node) => Markup.Escape(node?.ToString() ?? "");

    private static string Value(JsonNode? value, JsonNode? suppressed, JsonNode? present) =>
        present?.GetValue<bool>() == false ? "(absent)" : suppressed?.GetValue<bool>() == true ? "(suppressed)" : Text(value);
}

/// <summary>Snapshots as a console table.</summary>
internal static class SnapshotTable
{
    public static void Write(IAnsiConsole console, IReadOnlyList<JsonNode> snapshots)
    {
        var table = new Table().AddColumns(new TableColumn("id").NoWrap(), new TableColumn("label"), new TableColumn("scope"),
            new TableColumn("taken at (UTC)").NoWrap(), new TableColumn("status"), new TableColumn("rows"));
        foreach (var s in snapshots)
        {
            var status = s["status"]!.ToString() + (s["error"] is { } e ? $": {e}" : "");
            var takenAt = s["takenAt"]!.GetValue<DateTimeOffset>().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss");
            table.AddRow(Markup.Escape(s["id"]!.ToString()), Markup.Escape(s["label"]?.ToString() ?? ""),
                Markup.Escape(s["scope"]!.ToString()), takenAt, Markup.Escape(status), Markup.Escape(s["rows"]?.ToString() ?? ""));
        }
        console.Write(table);
    }
}
