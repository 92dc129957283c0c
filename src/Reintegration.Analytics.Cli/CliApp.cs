using Reintegration.Analytics.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Reintegration.Analytics.Cli;

/// <summary>
/// The command line for analysts and clerks (<c>reintegration</c>): imports and snapshots through the service's HTTP API, and
/// API keys for its configuration.
/// Exit codes: 0 done, 1 failed (the message says why), 3 imported with rejected records.
/// </summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliSession session)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("reintegration");
            config.ConfigureConsole(session.Console);
            config.PropagateExceptions();
            config.AddCommand<ImportCommand>("import").WithData(session)
                .WithDescription("Import an NDJSON file of records or a CSV file of surveys (KoboToolbox layout)")
                .WithExample("import", "surveys.csv", "--rejects", "surveys.rejects.csv");
            config.AddBranch("snapshot", snapshot =>
            {
                snapshot.SetDescription("Freeze, list, export and compare indicator snapshots");
                snapshot.AddCommand<SnapshotCreateCommand>("create").WithData(session)
                    .WithDescription("Take a snapshot and wait until it is ready")
                    .WithExample("snapshot", "create", "--label", "Q4 2026", "--scope", "WCA");
                snapshot.AddCommand<SnapshotListCommand>("list").WithData(session).WithDescription("List the snapshots");
                snapshot.AddCommand<SnapshotExportCommand>("export").WithData(session)
                    .WithDescription("Download a snapshot as json, csv, hxl or xlsx")
                    .WithExample("snapshot", "export", "20261127T101500-3fa2c1", "--format", "xlsx", "--out", "q4.xlsx");
                snapshot.AddCommand<SnapshotDiffCommand>("diff").WithData(session).WithDescription("Compare two snapshots");
            });
            config.AddBranch("keys", keys =>
            {
                keys.SetDescription("Make API keys for the service's configuration");
                keys.AddCommand<KeysCreateCommand>("create").WithData(session)
                    .WithDescription("Print a new random API key and the configuration lines that hold its hash")
                    .WithExample("keys", "create", "--name", "wca-viewer", "--role", "viewer", "--scope", "WCA");
            });
        });
        try
        {
            return await app.RunAsync(args);
        }
        catch (CliException e)
        {
            session.Console.MarkupLineInterpolated($"[red]Error:[/] {e.Message}");
            return 1;
        }
        catch (CommandRuntimeException e)
        {
            session.Console.MarkupLineInterpolated($"[red]Error:[/] {e.Message}");
            return 1;
        }
    }
}
