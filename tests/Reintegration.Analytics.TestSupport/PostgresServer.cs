using System.Diagnostics;
using Npgsql;

namespace Reintegration.Analytics.TestSupport;

/// <summary>
/// A throwaway PostgreSQL server for tests: <c>initdb</c> and <c>pg_ctl</c> on a temporary directory
/// and a free loopback port, stopped and deleted on dispose. Binaries are taken from PATH or
/// <c>/usr/lib/postgresql/*/bin</c>. Set <c>REINTEGRATION_TEST_POSTGRES</c> to a connection string
/// to use an existing server instead (each fixture then creates its own database there).
/// As root, the server runs as the <c>postgres</c> user (PostgreSQL refuses to run as root).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string ExistingServerVariable = "REINTEGRATION_TEST_POSTGRES";

    private readonly string? _dataDirectory;
    private readonly string? _binDirectory;
    private readonly int _port;
    private readonly bool _fsync;
    private readonly string _adminConnectionString;

    private PostgresServer(string adminConnectionString, string? dataDirectory, string? binDirectory, int port, bool fsync = false)
    {
        _fsync = fsync;
        _adminConnectionString = adminConnectionString;
        _dataDirectory = dataDirectory;
        _binDirectory = binDirectory;
        _port = port;
    }

    public bool IsThrowaway => _dataDirectory is not null;

    /// <summary>
    /// Starts a throwaway server (or uses <see cref="ExistingServerVariable"/>). Tests run it with
    /// <c>fsync=off</c>, which changes no result but saves time; the benchmark passes
    /// <paramref name="fsync"/> so that its figures are for commits that really reach the disk.
    /// </summary>
    public static async Task<PostgresServer> StartAsync(bool fsync = false)
    {
        if (Environment.GetEnvironmentVariable(ExistingServerVariable) is { Length: > 0 } existing)
            return new PostgresServer(existing, null, null, 0);

        var bin = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or under /usr/lib/postgresql/*/bin. " +
            "Install them (Debian: apt-get install postgresql) or set " + ExistingServerVariable + " to a connection string of a server the tests may use.");

        var directory = Path.Combine(Path.GetTempPath(), $"reintegration-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var asRoot = Environment.UserName == "root";
        if (asRoot) await RunAsync("chown", ["postgres:postgres", directory]);

        var data = Path.Combine(directory, "data");
        await RunPostgresToolAsync(asRoot, Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"]);
        var port = HostProcess.FreePort();
        var server = new PostgresServer(
            $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false;Timeout=5",
            data, bin, port, fsync);
        await server.StartServerAsync();
        return server;
    }

    /// <summary>Creates a fresh, empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)];
        await using (var connection = new NpgsqlConnection(_adminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        // The service gets Npgsql's default timeouts, as in production; only the tests' own admin connection fails fast.
        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name, Pooling = true, Timeout = 15 }.ConnectionString;
    }

    /// <summary>Stops the server abruptly (immediate shutdown), for outage tests.</summary>
    public Task StopServerAsync() =>
        RunPostgresToolAsync(Environment.UserName == "root", Path.Combine(Bin, "pg_ctl"), ["-D", _dataDirectory!, "-m", "immediate", "-w", "stop"]);

    public Task StartServerAsync() =>
        RunPostgresToolAsync(Environment.UserName == "root", Path.Combine(Bin, "pg_ctl"),
        [
            "-D", _dataDirectory!, "-w", "-t", "60", "-l", Path.Combine(Path.GetDirectoryName(_dataDirectory!)!, "server.log"),
            "-o", $"-p {_port} -c listen_addresses=127.0.0.1 -k {Path.GetDirectoryName(_dataDirectory!)} -c fsync={(_fsync ? "on" : "off")} -c max_connections=200",
            "start",
        ]);

    private string Bin => _binDirectory ?? throw new InvalidOperationException("an existing server cannot be stopped or started by the tests");

    public async ValueTask DisposeAsync()
    {
        if (_dataDirectory is null) return;
        try
        {
            await StopServerAsync();
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }
        try
        {
            Directory.Delete(Path.GetDirectoryName(_dataDirectory)!, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string? FindBinaries()
    {
        var fromPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        if (fromPath is not null) return fromPath;
        if (!Directory.Exists("/usr/lib/postgresql")) return null;
        return Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    private static Task RunPostgresToolAsync(bool asRoot, string tool, IEnumerable<string> arguments) =>
        asRoot ? RunAsync("runuser", ["-u", "postgres", "--", tool, .. arguments]) : RunAsync(tool, arguments);

    private static async Task RunAsync(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}): {await error}{await output}");
    }
}
