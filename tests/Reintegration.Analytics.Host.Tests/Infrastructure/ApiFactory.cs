using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Host.Tests.Infrastructure;

/// <summary>
/// The one in-process host (HTTP API + co-hosted Orleans silo) shared by every API test class:
/// starting a silo is slow, so all classes join the <see cref="ApiCollection"/>. Orleans ports are
/// picked at runtime so the tests never collide with another silo on the machine.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    /// <summary>k of the host; 1 (nothing suppressed) so that tests can check figures exactly.</summary>
    protected virtual int MinimumCellSize => 1;

    private readonly int _siloPort = HostProcess.FreePort();
    private readonly int _gatewayPort = HostProcess.FreePort();
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"reintegration-api-{Guid.NewGuid():N}");

    /// <summary>A community reports to its country, and a country tells the live table, at most this long after a change.</summary>
    public static readonly TimeSpan PushDelay = TimeSpan.FromMilliseconds(100);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataDirectory", _dataDirectory);
        builder.UseSetting("Orleans:SiloPort", _siloPort.ToString());
        builder.UseSetting("Orleans:GatewayPort", _gatewayPort.ToString());
        builder.UseSetting("Orleans:ClusterId", $"host-tests-{Guid.NewGuid():N}");
        builder.UseSetting("Api:MinimumCellSize", MinimumCellSize.ToString());
        builder.UseSetting("Api:MaxRecordBytes", "65536");
        builder.UseSetting("Api:RequestsPerSecond", "1000000");
        builder.UseSetting("Api:RequestBurst", "1000000");
        builder.UseSetting("Aggregation:PushDelay", PushDelay.ToString());
        builder.UseSetting("Aggregation:ProtectionDelay", "00:00:00.100");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Orleans", "Error");
        foreach (var (key, value) in TestCredentials.Settings) builder.UseSetting(key, value);
        builder.UseSetting("Auth:Jwt:Issuer", Tokens.Issuer);
        builder.UseSetting("Auth:Jwt:Audience", Tokens.Audience);
        builder.UseSetting("Auth:Jwt:SigningKey", Tokens.SigningKey);
    }

    /// <summary>Clients of the factory call as the tests' admin; access tests make their own callers.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add(TestCredentials.Header, TestCredentials.AdminKey);
    }

    private ApiClient? _api;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory)) Directory.Delete(_dataDirectory, recursive: true);
    }

    /// <summary>A client for the API; safe to share (HttpClient is thread-safe).</summary>
    public ApiClient Api => _api ??= new ApiClient(CreateClient());
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "api";
}
