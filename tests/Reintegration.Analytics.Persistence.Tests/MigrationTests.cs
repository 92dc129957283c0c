using Reintegration.Analytics.Persistence.Migrations;
using Reintegration.Analytics.Persistence.Tests.Infrastructure;

namespace Reintegration.Analytics.Persistence.Tests;

[Collection(StorageCollection.Name)]
public sealed class MigrationTests(StorageFixture fixture)
{
    [Theory, BothBackends]
    public async Task From_an_empty_database_every_migration_applies_and_is_recorded(DatabaseBackend backend)
    {
        await using var db = await fixture.CreateDatabaseAsync(backend, migrated: false);
        var catalog = MigrationCatalog.For(backend);
        Assert.NotEmpty(catalog);
        Assert.Equal(catalog.Select(m => m.Version).Order(), catalog.Select(m => m.Version));

        var applied = await db.MigrateAsync();

        Assert.Equal(catalog.Select(m => m.Version), applied.Select(m => m.Version));
        var recorded = await db.QueryAsync("SELECT version, name FROM schema_migrations ORDER BY version");
        Assert.Equal(catalog.Select(m => (m.Version, m.Name)), recorded.Select(r => (Convert.ToInt32(r[0]), (string)r[1]!)));

        // The tables the rest of the service relies on exist and are empty (bar the statements).
        foreach (var table in new[] { "orleansstorage", "returnee_journal", "community_members", "communities" })
            Assert.Equal(0, await db.CountAsync($"SELECT count(*) FROM {table}"));
        Assert.True(await db.CountAsync("SELECT count(*) FROM orleansquery") >= OrleansQueryCheck.StorageKeys.Count);
    }

    [Theory, BothBackends]
    public async Task A_second_run_applies_nothing_and_changes_nothing(DatabaseBackend backend)
    {
        await using var db = await fixture.CreateDatabaseAsync(backend, migrated: false);
        Assert.Equal(MigrationCatalog.For(backend).Count, (await db.MigrateAsync()).Count);
        var before = await SnapshotAsync(db);

        var again = await db.MigrateAsync();

        Assert.Empty(again);
        Assert.Equal(before, await SnapshotAsync(db));
    }

    [Theory, BothBackends]
    public async Task Two_runners_started_together_both_succeed_and_each_migration_is_recorded_once(DatabaseBackend backend)
    {
        var catalog = MigrationCatalog.For(backend);
        for (var round = 0; round < 3; round++)
        {
            await using var db = await fixture.CreateDatabaseAsync(backend, migrated: false);
            using var start = new Barrier(2);
            var runners = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                start.SignalAndWait();
                return await db.MigrateAsync();
            })).ToArray();

            var results = await Task.WhenAll(runners); // neither throws

            // Between them the two runners applied every migration exactly once.
            Assert.Equal(catalog.Select(m => m.Version), results.SelectMany(r => r).Select(m => m.Version).Order());
            var recorded = await db.QueryAsync("SELECT version FROM schema_migrations ORDER BY version");
            Assert.Equal(catalog.Select(m => m.Version), recorded.Select(r => Convert.ToInt32(r[0])));
            await OrleansQueryCheck.VerifyAsync(db.Storage);
        }
    }

    /// <summary>The whole schema (tables, columns, indexes), the migration records and every stored statement.</summary>
    private static async Task<List<string>> SnapshotAsync(TestDatabase db)
    {
        var schema = db.Backend == DatabaseBackend.PostgreSql
            ? await db.QueryAsync(
                """
                SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')
                FROM information_schema.columns WHERE table_schema = 'public'
                UNION ALL
                SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
                """)
            : await db.QueryAsync("SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master");
        var migrations = await db.QueryAsync("SELECT version, name, applied_at FROM schema_migrations");
        var queries = await db.QueryAsync("SELECT querykey, querytext FROM orleansquery");
        return schema.Select(r => (string)r[0]!)
            .Concat(migrations.Select(r => $"migration {r[0]} {r[1]} {r[2]}"))
            .Concat(queries.Select(r => $"query {r[0]} {r[1]}"))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
