using Orleans;
using Orleans.Runtime;
using Microsoft.Extensions.Logging;
using Reintegration.Analytics.Persistence.Migrations;

namespace Reintegration.Analytics.Persistence;

/// <summary>
/// Brings the database to the current schema at the very first stage of the silo's start (before
/// membership and grain storage read their statements), then checks that every statement the
/// Orleans providers need is present. Waits up to <see cref="StartupPatience"/> for a database
/// that is still starting; after that the silo does not start, with the reason in the log.
/// </summary>
public sealed class DatabaseMigrationService(StorageOptions storage, ILogger<DatabaseMigrationService> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DatabaseMigrationService), ServiceLifecycleStage.First, StartAsync, _ => Task.CompletedTask);

    public static readonly TimeSpan StartupPatience = TimeSpan.FromSeconds(30);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Storage: {Store}", storage.Describe());
        var deadline = DateTime.UtcNow + StartupPatience;
        while (true)
        {
            try
            {
                var applied = await new MigrationRunner(storage.Backend, storage.ConnectionString, logger).ApplyAsync(cancellationToken);
                logger.LogInformation("Schema is current ({Applied} migrations applied now)", applied.Count);
                break;
            }
            catch (Exception e) when (IsTransient(e) && DateTime.UtcNow < deadline)
            {
                logger.LogWarning("Database not reachable yet ({Message}); retrying", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
        await OrleansQueryCheck.VerifyAsync(storage, cancellationToken);
    }

    private static bool IsTransient(Exception e) =>
        e is System.Net.Sockets.SocketException or TimeoutException
        || e is Npgsql.NpgsqlException { IsTransient: true }
        || e.InnerException is System.Net.Sockets.SocketException;
}
