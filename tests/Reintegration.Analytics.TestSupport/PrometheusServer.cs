using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Reintegration.Analytics.TestSupport;

/// <summary>
/// A throwaway Prometheus for tests (Debian's <c>prometheus</c> package): a temporary data directory, a
/// free loopback port, a one-second scrape and rule interval, the given rule files; stopped and deleted
/// on dispose. <see cref="QueryAsync"/> runs an instant PromQL query through the HTTP API.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly HttpClient _http;

    private PrometheusServer(Process process, string directory, Uri url)
    {
        _process = process;
        _directory = directory;
        _http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
    }

    public static string? Binary(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    /// <summary>
    /// Starts Prometheus scraping <paramref name="targets"/> (host:port) as job <c>reintegration</c>, sending
    /// <paramref name="apiKey"/> as <c>Authorization: Bearer</c> when given (Prometheus 2 cannot send other headers).
    /// </summary>
    public static async Task<PrometheusServer> StartAsync(IEnumerable<string> targets, IEnumerable<string> ruleFiles, string? apiKey = null)
    {
        var binary = Binary("prometheus") ?? throw new InvalidOperationException(
            "prometheus was not found on PATH; install it (Debian: apt-get install prometheus)");
        var directory = Path.Combine(Path.GetTempPath(), $"reintegration-prom-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, "prometheus.yml");
        var credentials = Path.Combine(directory, "api-key");
        await File.WriteAllTextAsync(credentials, apiKey ?? "");
        var authorization = apiKey is null ? "" : $"authorization: {{ credentials_file: '{credentials}' }}";
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files: [{string.Join(", ", ruleFiles.Select(f => $"'{f}'"))}]
            scrape_configs:
              - job_name: reintegration
                {authorization}
                static_configs:
                  - targets: [{string.Join(", ", targets.Select(t => $"'{t}'"))}]
            """);
        var port = HostProcess.FreePort();
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "data")}",
                $"--web.listen-address=127.0.0.1:{port}", "--storage.tsdb.retention.time=1h",
            },
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("prometheus did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, directory, new Uri($"http://127.0.0.1:{port}"));
        var started = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await server._http.GetAsync("/-/ready")).IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException) when (started.Elapsed < TimeSpan.FromSeconds(30) && !process.HasExited)
            {
            }
            if (process.HasExited || started.Elapsed > TimeSpan.FromSeconds(30))
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"prometheus did not become ready (exit code {(process.HasExited ? process.ExitCode : null)})");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>An instant query: each series' labels and value; throws with Prometheus' message on a bad query.</summary>
    public async Task<IReadOnlyList<PromSample>> QueryAsync(string expression)
    {
        using var response = await _http.GetAsync($"/api/v1/query?query={Uri.EscapeDataString(expression)}");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        if (body.GetProperty("status").GetString() != "success")
            throw new InvalidOperationException($"query failed: {expression}: {body}");
        var data = body.GetProperty("data");
        if (data.GetProperty("resultType").GetString() == "scalar")
            return [new PromSample(new Dictionary<string, string>(), ParseValue(data.GetProperty("result")[1]))];
        return data.GetProperty("result").EnumerateArray().Select(r => new PromSample(
            r.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            ParseValue(r.GetProperty("value")[1]))).ToList();
    }

    private static double ParseValue(JsonElement value) => double.Parse(value.GetString()!, CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}

/// <summary>One series of a query result.</summary>
public sealed record PromSample(IReadOnlyDictionary<string, string> Labels, double Value);
