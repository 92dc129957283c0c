using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Host.Tests.Durability;

/// <summary>One throwaway PostgreSQL server for the durability tests (see <see cref="PostgresServer"/>).</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
