using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Reintegration.Analytics.TestSupport;

/// <summary>
/// The service as a separate operating-system process (<c>dotnet Reintegration.Analytics.Host.dll</c>)
/// on free loopback ports, for benchmarks and for tests that kill it. Disposing kills it.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _log = [];
    private readonly List<string> _output = [];

    private HostProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>The host's process id (for measuring its memory).</summary>
    public int ProcessId => _process.Id;

    /// <summary>The last lines the host wrote to standard error (warnings and errors), for failure messages.</summary>
    public string RecentLog { get { lock (_log) return string.Join('\n', _log.TakeLast(30)); } }

    /// <summary>What the host wrote to standard output so far (e.g. the development key line).</summary>
    public IReadOnlyList<string> Output { get { lock (_output) return [.. _output]; } }

    /// <summary>A client that sends the tests' admin key.</summary>
    public HttpClient CreateClient(TimeSpan? timeout = null) => TestCredentials.AdminClient(Url, timeout);

    /// <summary>
    /// Starts the host and waits until <c>/health/ready</c> answers. Unless <paramref name="withTestKeys"/> is false, the
    /// host is configured with the <see cref="TestCredentials"/> keys (through environment variables, as in production).
    /// </summary>
    public static async Task<HostProcess> StartAsync(
        string hostDll, IEnumerable<string> arguments, int? port = null, bool withTestKeys = true)
    {
        var url = new Uri($"http://127.0.0.1:{port ?? FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
        };
        foreach (var argument in (string[])[hostDll, "--urls", url.ToString().TrimEnd('/'), "--Logging:LogLevel:Default", "Warning", .. arguments])
            start.ArgumentList.Add(argument);
        if (withTestKeys)
            foreach (var (key, value) in TestCredentials.Settings) start.Environment[key.Replace(":", "__")] = value;
        // Tests and benchmarks load the host as hard as they can from one key; arguments can still set lower limits.
        start.Environment["Api__RequestsPerSecond"] = "1000000";
        start.Environment["Api__RequestBurst"] = "1000000";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the host");
        var host = new HostProcess(process, url);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (host._output) if (host._output.Count < 10_000) host._output.Add(e.Data);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (host._log) host._log.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited) throw new InvalidOperationException($"the host exited with code {process.ExitCode}:\n{host.RecentLog}");
            try
            {
                if ((await client.GetAsync(new Uri(url, "/health/ready"))).IsSuccessStatusCode) return host;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        await host.KillAsync();
        throw new TimeoutException($"the host did not become ready within 90 s:\n{host.RecentLog}");
    }

    /// <summary>Ends the process at once, as <c>kill -9</c> does: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await KillAsync();
        _process.Dispose();
    }

    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// A free loopback port, never one this process handed out before. It is drawn below the kernel's
    /// ephemeral range (32768 and up on Linux): ports there are also taken by outgoing connections,
    /// and under load a just-checked port could become some connection's local port before the
    /// server meant to listen on it binds it.
    /// </summary>
    public static int FreePort()
    {
        while (true)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            lock (HandedOut)
                if (HandedOut.Contains(port)) continue;
            var listener = new TcpListener(IPAddress.Loopback, port);
            try
            {
                listener.Start();
            }
            catch (SocketException)
            {
                continue; // in use
            }
            finally
            {
                listener.Stop();
            }
            lock (HandedOut)
                if (HandedOut.Add(port)) return port;
        }
    }
}
