using System.Reflection;
using Npgsql;
using Reintegration.Analytics.Persistence;
using Reintegration.Analytics.TestSupport;
using Xunit.Sdk;

namespace Reintegration.Analytics.Persistence.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL server for the whole run (started on first use, so a run filtered to
/// SQLite never starts it), and a fresh database per test on either backend.
/// </summary>
public sealed class StorageFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private PostgresServer? _server;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task<PostgresServer> PostgresAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _server ??= await PostgresServer.StartAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A fresh, empty database (PostgreSQL: a new database on the shared server; SQLite: a new file in a new temp directory).</summary>
    public async Task<TestDatabase> CreateDatabaseAsync(DatabaseBackend backend, bool migrated = true)
    {
        TestDatabase database;
        if (backend == DatabaseBackend.PostgreSql)
        {
            var server = await PostgresAsync();
            database = new TestDatabase(StorageOptions.Postgres(await server.CreateDatabaseAsync("persistence")), null);
        }
        else
        {
            var directory = Path.Combine(Path.GetTempPath(), $"reintegration-persistence-{Guid.NewGuid():N}");
            database = new TestDatabase(StorageOptions.Sqlite(directory), directory);
        }
        if (migrated) await database.MigrateAsync();
        return database;
    }

    public async Task DisposeAsync()
    {
        if (_server is null) return;
        NpgsqlConnection.ClearAllPools();
        await _server.DisposeAsync();
    }
}

/// <summary>Every test class that touches a database shares the one PostgreSQL server (and so runs sequentially).</summary>
[CollectionDefinition(Name)]
public sealed class StorageCollection : ICollectionFixture<StorageFixture>
{
    public const string Name = "storage";
}

/// <summary>Runs a theory once per backend: PostgreSQL and SQLite.</summary>
public sealed class BothBackendsAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
    [
        [DatabaseBackend.PostgreSql],
        [DatabaseBackend.Sqlite],
    ];
}
