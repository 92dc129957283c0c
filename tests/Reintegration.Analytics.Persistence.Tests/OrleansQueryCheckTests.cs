using System.Text.RegularExpressions;
using Reintegration.Analytics.Persistence.Tests.Infrastructure;

namespace Reintegration.Analytics.Persistence.Tests;

[Collection(StorageCollection.Name)]
public sealed class OrleansQueryCheckTests(StorageFixture fixture)
{
    private static IReadOnlyList<string> Required(DatabaseBackend backend) => backend == DatabaseBackend.PostgreSql
        ? [.. OrleansQueryCheck.StorageKeys, .. OrleansQueryCheck.ClusteringKeys]
        : OrleansQueryCheck.StorageKeys;

    [Theory, BothBackends]
    public async Task Passes_after_the_migrations(DatabaseBackend backend)
    {
        await using var db = await fixture.CreateDatabaseAsync(backend);
        await OrleansQueryCheck.VerifyAsync(db.Storage);
    }

    [Theory, BothBackends]
    public async Task A_deleted_required_statement_fails_the_check_naming_exactly_that_key(DatabaseBackend backend)
    {
        await using var db = await fixture.CreateDatabaseAsync(backend);
        var required = Required(backend);
        foreach (var key in required)
        {
            var text = (string)(await db.ScalarAsync("SELECT querytext FROM orleansquery WHERE querykey = @key", ("@key", key)))!;
            Assert.Equal(1, await db.ExecuteAsync("DELETE FROM orleansquery WHERE querykey = @key", ("@key", key)));

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => OrleansQueryCheck.VerifyAsync(db.Storage));
            AssertNamesOnly(error.Message, key, required);

            await db.ExecuteAsync("INSERT INTO orleansquery (querykey, querytext) VALUES (@key, @text)", ("@key", key), ("@text", text));
            await OrleansQueryCheck.VerifyAsync(db.Storage);
        }
    }

    [Theory, BothBackends]
    public async Task A_blanked_required_statement_fails_the_check_naming_that_key(DatabaseBackend backend)
    {
        await using var db = await fixture.CreateDatabaseAsync(backend);
        var required = Required(backend);
        foreach (var key in required)
        {
            foreach (var blank in new[] { "", "  \n\t " })
            {
                var text = (string)(await db.ScalarAsync("SELECT querytext FROM orleansquery WHERE querykey = @key", ("@key", key)))!;
                await db.ExecuteAsync("UPDATE orleansquery SET querytext = @blank WHERE querykey = @key", ("@key", key), ("@blank", blank));

                var error = await Assert.ThrowsAsync<InvalidOperationException>(() => OrleansQueryCheck.VerifyAsync(db.Storage));
                AssertNamesOnly(error.Message, key, required);

                await db.ExecuteAsync("UPDATE orleansquery SET querytext = @text WHERE querykey = @key", ("@key", key), ("@text", text));
            }
        }
        await OrleansQueryCheck.VerifyAsync(db.Storage);
    }

    [Theory, BothBackends]
    public async Task Clustering_statements_are_required_on_PostgreSQL_only(DatabaseBackend backend)
    {
        await using var db = await fixture.CreateDatabaseAsync(backend);
        var keys = (await db.QueryAsync("SELECT querykey FROM orleansquery")).Select(r => (string)r[0]!).ToHashSet();
        if (backend == DatabaseBackend.PostgreSql)
        {
            Assert.Superset(OrleansQueryCheck.ClusteringKeys.ToHashSet(), keys);
            return;
        }

        // SQLite ships no clustering statements at all, and the check does not ask for them.
        Assert.Empty(keys.Intersect(OrleansQueryCheck.ClusteringKeys));
        await OrleansQueryCheck.VerifyAsync(db.Storage);
    }

    private static void AssertNamesOnly(string message, string missing, IReadOnlyList<string> required)
    {
        Assert.Matches($@"\b{missing}\b", message);
        foreach (var other in required.Where(k => k != missing))
            Assert.DoesNotMatch($@"\b{Regex.Escape(other)}\b", message);
    }
}
