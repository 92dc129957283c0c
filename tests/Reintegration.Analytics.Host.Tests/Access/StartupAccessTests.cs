using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Reintegration.Analytics.Host.Tests.Infrastructure;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Host.Tests.Access;

/// <summary>
/// SPEC §4 at start: no credentials configured means a development key on loopback and no start on the network; settings
/// that cannot work stop the start with what is wrong.
/// </summary>
public class StartupAccessTests
{
    private static readonly string HostDll = Path.Combine(AppContext.BaseDirectory, "Reintegration.Analytics.Host.dll");

    private static string[] Isolated(string directory) =>
    [
        "--Storage:DataDirectory", directory,
        "--Orleans:SiloPort", HostProcess.FreePort().ToString(), "--Orleans:GatewayPort", HostProcess.FreePort().ToString(),
    ];

    [Fact]
    public async Task Without_keys_on_loopback_it_prints_a_development_admin_key_once_and_requires_it_within_header_limits()
    {
        var directory = Directory.CreateTempSubdirectory("reintegration-devkey-").FullName;
        try
        {
            await using var host = await HostProcess.StartAsync(HostDll, Isolated(directory), withTestKeys: false);
            var lines = host.Output.Where(l => l.StartsWith("Development API key: ", StringComparison.Ordinal)).ToList();
            var line = Assert.Single(lines);
            var match = Regex.Match(line, "^Development API key: ([A-Za-z0-9_-]{32,})$");
            Assert.True(match.Success, line);

            using var anonymous = new HttpClient { BaseAddress = host.Url };
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/global")).StatusCode);
            using var withKey = new HttpClient { BaseAddress = host.Url };
            withKey.DefaultRequestHeaders.Add(TestCredentials.Header, match.Groups[1].Value);
            Assert.Equal(HttpStatusCode.OK, (await withKey.GetAsync("/api/v1/global")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await withKey.GetAsync("/api/v1/audit")).StatusCode); // an admin key

            // Kestrel's header limit (Api:MaxHeaderBytes, 16 KiB by default) holds on the real server.
            using var oversize = new HttpRequestMessage(HttpMethod.Get, "/api/v1/global");
            oversize.Headers.Add("X-Padding", new string('p', 20_000));
            Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, (await withKey.SendAsync(oversize)).StatusCode);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("http://0.0.0.0:{0}")]
    [InlineData("http://*:{0}")]
    [InlineData("http://127.0.0.1:{0};http://[::]:{1}")]
    public async Task Without_keys_it_refuses_to_listen_on_the_network_and_says_how_to_configure_a_key(string urls)
    {
        var (exit, output) = await RunToExitAsync(
            ["--urls", string.Format(urls, HostProcess.FreePort(), HostProcess.FreePort()), .. Isolated(Path.GetTempPath())],
            new Dictionary<string, string>());
        Assert.NotEqual(0, exit);
        Assert.Contains("Refusing to listen", output);
        Assert.Contains("Auth__ApiKeys__NAME__Sha256", output);
        Assert.Contains("keys create", output);
    }

    [Fact]
    public async Task A_wrong_key_configuration_stops_the_start_with_what_is_wrong()
    {
        var (exit, output) = await RunToExitAsync(["--urls", $"http://127.0.0.1:{HostProcess.FreePort()}", .. Isolated(Path.GetTempPath())],
            new Dictionary<string, string>
            {
                ["Auth__ApiKeys__wca-viewer__Sha256"] = "abc",
                ["Auth__ApiKeys__sen-ingest__Sha256"] = new string('a', 64),
                ["Auth__ApiKeys__sen-ingest__Role"] = "ingest",
            });
        Assert.NotEqual(0, exit);
        Assert.Contains("Auth:ApiKeys:wca-viewer:Sha256 must be the 64 hex digits", output);
        Assert.Contains("Auth:ApiKeys:sen-ingest: role 'ingest' needs a scope", output);
    }

    [Theory]
    [InlineData("--Aggregation:ProtectionDelay", "-00:00:01", "Aggregation:ProtectionDelay must not be negative")]
    [InlineData("--Aggregation:PushDelay", "soon", "Aggregation:PushDelay")]
    [InlineData("--Aggregation:CheckpointEvery", "0", "Aggregation:CheckpointEvery must be at least 1")]
    public async Task A_wrong_aggregation_setting_stops_the_start_naming_it(string setting, string value, string reason)
    {
        var (exit, output) = await RunToExitAsync(
            ["--urls", $"http://127.0.0.1:{HostProcess.FreePort()}", $"{setting}={value}", .. Isolated(Path.GetTempPath())],
            new Dictionary<string, string>());
        Assert.Equal(2, exit);
        Assert.Contains(reason, output);
    }

    [Fact]
    public async Task A_key_made_by_the_CLI_works_once_its_printed_lines_configure_the_service()
    {
        var (exit, text) = await CliRun.RunAsync(null, "keys", "create", "--name", "tun-viewer", "--role", "viewer", "--scope", "TUN");
        Assert.Equal(0, exit);
        var key = Regex.Match(text, @"^  ([A-Za-z0-9_-]{43})$", RegexOptions.Multiline).Groups[1].Value;
        var environment = Regex.Matches(text, @"^  (Auth__ApiKeys__\S+?)=(\S+)$", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Equal(3, environment.Count);
        Assert.DoesNotContain(key, string.Join(" ", environment.Values)); // only the hash is configured

        var directory = Directory.CreateTempSubdirectory("reintegration-clikey-").FullName;
        try
        {
            await using var host = await HostProcess.StartAsync(HostDll, [.. Isolated(directory), .. environment.SelectMany(e =>
                (string[])[$"--{e.Key.Replace("__", ":")}", e.Value])], withTestKeys: false);
            Assert.DoesNotContain(host.Output, l => l.StartsWith("Development API key", StringComparison.Ordinal));
            using var http = new HttpClient { BaseAddress = host.Url };
            http.DefaultRequestHeaders.Add(TestCredentials.Header, key);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/countries/TUN")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/api/v1/countries/JOR")).StatusCode);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("viewer", null, "needs a scope")]
    [InlineData("root", null, "is not one of")]
    [InlineData("hq", "WCA", "takes no scope")]
    public async Task The_CLI_refuses_a_key_the_service_would_refuse(string role, string? scope, string reason)
    {
        string[] args = ["keys", "create", "--name", "k", "--role", role, .. scope is null ? [] : (string[])["--scope", scope]];
        var (exit, output) = await CliRun.RunAsync(null, args);
        Assert.NotEqual(0, exit);
        Assert.Contains(reason, output);
    }

    private static async Task<(int Exit, string Output)> RunToExitAsync(string[] arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(HostDll)!,
        };
        foreach (var argument in (string[])[HostDll, .. arguments]) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the host started instead of refusing: " + await stdout);
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
