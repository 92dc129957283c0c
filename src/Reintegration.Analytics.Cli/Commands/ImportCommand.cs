using System.ComponentModel;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Reintegration.Analytics.Cli.Import;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Reintegration.Analytics.Cli.Commands;

/// <summary>
/// <c>import FILE</c>: sends an NDJSON or CSV file to <c>POST /ingest</c> in batches with a progress bar, then prints a
/// summary and writes every rejected record with its reason to a rejects file. Writes are idempotent, so importing
/// the same file again changes nothing (its records count as unchanged).
/// </summary>
public sealed class ImportCommand : AsyncCommand<ImportCommand.Settings>
{
    public const int RejectedExitCode = 3;

    public sealed class Settings : ServiceSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("An NDJSON file of records, or a CSV file of surveys laid out like a KoboToolbox export")]
        public string File { get; set; } = "";

        [CommandOption("--format <FORMAT>")]
        [Description("ndjson or csv (default: from the file's extension, .csv is CSV)")]
        public string? Format { get; set; }

        [CommandOption("--rejects <FILE>")]
        [Description("Where to write the rejected records (default: FILE.rejects.ndjson or FILE.rejects.csv)")]
        public string? Rejects { get; set; }

        [CommandOption("--batch <N>")]
        [Description("Records per request (default 5000)")]
        public int Batch { get; set; } = 5000;

        public override ValidationResult Validate() =>
            !System.IO.File.Exists(File) ? ValidationResult.Error($"no file '{File}'")
            : Format is not (null or "csv" or "ndjson") ? ValidationResult.Error("--format must be ndjson or csv")
            : Batch < 1 ? ValidationResult.Error("--batch must be at least 1")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        var session = (CliSession)context.Data!;
        using var service = session.Connect(settings);
        var csv = ImportFile.IsCsv(settings.File, settings.Format);
        var rejectsPath = settings.Rejects ?? settings.File + (csv ? ".rejects.csv" : ".rejects.ndjson");
        await using var file = System.IO.File.OpenRead(settings.File);
        IReadOnlyList<string>? header = null;
        RejectsFile? rejects = null;
        long records = 0, accepted = 0, unchanged = 0;
        var watch = Stopwatch.StartNew();

        try
        {
            await session.Console.Progress().AutoClear(false).StartAsync(async progress =>
            {
                var task = progress.AddTask($"Importing {Path.GetFileName(settings.File)}", maxValue: Math.Max(1, file.Length));
                var batches = csv ? ImportFile.CsvAsync(file, settings.Batch, h => header = h, cancellation)
                    : ImportFile.NdjsonAsync(file, settings.Batch, cancellation);
                await foreach (var batch in batches)
                {
                    var content = new StringContent(batch.Body, Encoding.UTF8);
                    content.Headers.ContentType = new MediaTypeHeaderValue(batch.MediaType) { CharSet = "utf-8" };
                    var report = await service.PostAsync("ingest", content, cancellation);
                    records += batch.ByReportedLine.Count;
                    accepted += report["accepted"]!.GetValue<long>();
                    unchanged += report["unchanged"]!.GetValue<long>();
                    foreach (var error in report["errors"]!.AsArray())
                    {
                        rejects ??= new RejectsFile(rejectsPath, csv ? header : null);
                        var line = error!["line"]!.GetValue<long>();
                        if (!batch.ByReportedLine.TryGetValue(line, out var record))
                            throw new CliException($"the service reported line {line}, which this batch does not have");
                        await rejects.AddAsync(record, error["field"]?.GetValue<string>(), error["error"]!.GetValue<string>());
                    }
                    task.Value = batch.FilePosition;
                }
                task.Value = task.MaxValue;
            });
        }
        finally
        {
            // Rejects of the batches already sent are kept even when a later batch fails.
            if (rejects is not null) await rejects.DisposeAsync();
        }

        var rejected = rejects?.Count ?? 0;
        var table = new Table().AddColumns("records", "accepted", "of them unchanged", "rejected", "seconds", "records/s");
        table.AddRow($"{records:N0}", $"{accepted:N0}", $"{unchanged:N0}", $"{rejected:N0}", $"{watch.Elapsed.TotalSeconds:F1}",
            $"{records / Math.Max(watch.Elapsed.TotalSeconds, 0.001):N0}");
        session.Console.Write(table);
        if (rejected == 0) return 0;
        session.Console.MarkupLineInterpolated($"[yellow]{rejected} rejected records[/] with their reasons are in {rejectsPath}");
        return RejectedExitCode;
    }
}
