using System.Data;
using System.Data.Common;
using Reintegration.Analytics.Persistence.Tests.Infrastructure;

namespace Reintegration.Analytics.Persistence.Tests;

/// <summary>
/// The three grain storage statements of OrleansQuery, executed the way Orleans' ADO.NET provider
/// 10.4.2 executes them: text read by key, a new connection and no explicit transaction, exactly
/// the parameters of the contract bound by name without the "@" prefix and with the provider's
/// DbTypes, and every row of every result set collected (the provider takes SingleOrDefault).
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class GrainStorageStatementTests(StorageFixture fixture)
{
    private const string WriteKey = "WriteToStorageKey", ReadKey = "ReadFromStorageKey", ClearKey = "ClearStorageKey";

    /// <summary>A string-keyed grain as the provider decomposes it (N0 = N1 = 0, the key in the extension string).</summary>
    private static readonly GrainRow Returnee = new(-1_234_567_891, 0, 0, 987_654_321, "returnee", "returnee:case-1", "reintegration");

    [Theory, BothBackends]
    public async Task Versions_follow_the_ETag_lifecycle_and_stale_writes_change_nothing(DatabaseBackend backend)
    {
        await using var db = await fixture.CreateDatabaseAsync(backend);
        var orleans = new OrleansStatements(db);
        byte[] p1 = [1], p2 = [2, 2], p3 = [3, 3, 3], p4 = [4, 4, 4, 4];

        Assert.Empty(await orleans.ReadAsync(Returnee)); // never written: no row

        Assert.Equal(1, await orleans.WriteAsync(Returnee, null, p1));
        await AssertStoredAsync(orleans, Returnee, p1, 1);

        Assert.Equal(2, await orleans.WriteAsync(Returnee, 1, p2));
        await AssertStoredAsync(orleans, Returnee, p2, 2);

        // A stale write (another activation wrote version 2 meanwhile) reports the old version or nothing, and writes nothing.
        var stale = await orleans.WriteAsync(Returnee, 1, p3);
        Assert.True(stale is null or 1, $"a stale write returned {stale}");
        await AssertStoredAsync(orleans, Returnee, p2, 2);

        Assert.Equal(3, await orleans.ClearAsync(Returnee, 2));
        var cleared = Assert.Single(await orleans.ReadAsync(Returnee));
        Assert.Null(cleared.Payload);
        Assert.Equal(3, cleared.Version);

        // A stale clear changes nothing either.
        var staleClear = await orleans.ClearAsync(Returnee, 2);
        Assert.True(staleClear is null or 2, $"a stale clear returned {staleClear}");

        Assert.Equal(4, await orleans.WriteAsync(Returnee, 3, p4));
        await AssertStoredAsync(orleans, Returnee, p4, 4);
        Assert.Equal(1, await orleans.CountRowsAsync());
    }

    [Theory, BothBackends]
    public async Task A_second_insert_of_an_existing_grain_is_a_conflict_not_a_duplicate_row(DatabaseBackend backend)
    {
        await using var db = await fixture.CreateDatabaseAsync(backend);
        var orleans = new OrleansStatements(db);
        Assert.Equal(1, await orleans.WriteAsync(Returnee, null, [1]));
        Assert.Equal(2, await orleans.WriteAsync(Returnee, 1, [2]));

        int? second;
        try
        {
            second = await orleans.WriteAsync(Returnee, null, [9]);
        }
        catch (DbException)
        {
            second = null; // a constraint violation is an acceptable way to refuse
        }

        Assert.Null(second);
        await AssertStoredAsync(orleans, Returnee, [2], 2);
        Assert.Equal(1, await orleans.CountRowsAsync());
    }

    [Theory, BothBackends]
    public async Task Racing_first_writes_and_racing_updates_have_exactly_one_winner(DatabaseBackend backend)
    {
        await using var db = await fixture.CreateDatabaseAsync(backend);
        var orleans = new OrleansStatements(db);
        const int racers = 8;

        var inserts = await RaceAsync(racers, i => orleans.WriteAsync(Returnee, null, [(byte)i]));
        Assert.Equal(1, inserts.Count(v => v == 1));
        Assert.Equal(racers - 1, inserts.Count(v => v is null));
        Assert.Equal(1, await orleans.CountRowsAsync());

        var updates = await RaceAsync(racers, i => orleans.WriteAsync(Returnee, 1, [(byte)(100 + i)]));
        Assert.Equal(1, updates.Count(v => v == 2));
        Assert.All(updates.Where(v => v != 2), v => Assert.True(v is null or 1, $"a losing update returned {v}"));
        var row = Assert.Single(await orleans.ReadAsync(Returnee));
        Assert.Equal(2, row.Version);
        Assert.Equal(1, await orleans.CountRowsAsync());
    }

    [Theory, BothBackends]
    public async Task Grains_differing_only_in_state_name_service_or_extension_are_separate_rows(DatabaseBackend backend)
    {
        await using var db = await fixture.CreateDatabaseAsync(backend);
        var orleans = new OrleansStatements(db);
        var community = Returnee with { GrainTypeString = "community" };
        var otherService = Returnee with { ServiceId = "another-service" };
        var otherKey = Returnee with { GrainIdExtensionString = "returnee:case-2" };
        // An integer key (no extension string): the NULL must match NULL, and only NULL.
        var integerKey = Returnee with { GrainIdN1 = 42, GrainIdExtensionString = null };
        var rows = new[] { Returnee, community, otherService, otherKey, integerKey };

        for (var i = 0; i < rows.Length; i++)
            Assert.Equal(1, await orleans.WriteAsync(rows[i], null, [(byte)i]));
        Assert.Equal(2, await orleans.WriteAsync(community, 1, [77]));
        Assert.Equal(2, await orleans.WriteAsync(integerKey, 1, [42]));

        Assert.Equal(rows.Length, await orleans.CountRowsAsync());
        await AssertStoredAsync(orleans, Returnee, [0], 1);
        await AssertStoredAsync(orleans, community, [77], 2);
        await AssertStoredAsync(orleans, otherService, [2], 1);
        await AssertStoredAsync(orleans, otherKey, [3], 1);
        await AssertStoredAsync(orleans, integerKey, [42], 2);
        Assert.Empty(await orleans.ReadAsync(integerKey with { GrainIdExtensionString = "" }));
    }

    [Theory, BothBackends]
    public async Task Payloads_round_trip_byte_for_byte(DatabaseBackend backend)
    {
        await using var db = await fixture.CreateDatabaseAsync(backend);
        var orleans = new OrleansStatements(db);
        var large = new byte[300_000];
        new Random(7).NextBytes(large);

        Assert.Equal(1, await orleans.WriteAsync(Returnee, null, []));
        await AssertStoredAsync(orleans, Returnee, [], 1); // an empty payload is not a cleared one
        Assert.Equal(2, await orleans.WriteAsync(Returnee, 1, large));
        await AssertStoredAsync(orleans, Returnee, large, 2);
    }

    private static async Task<int?[]> RaceAsync(int racers, Func<int, Task<int?>> write)
    {
        using var start = new Barrier(racers);
        return await Task.WhenAll(Enumerable.Range(0, racers).Select(i => Task.Run(async () =>
        {
            start.SignalAndWait();
            try
            {
                return await write(i);
            }
            catch (DbException)
            {
                return null;
            }
        })));
    }

    private static async Task AssertStoredAsync(OrleansStatements orleans, GrainRow grain, byte[] payload, int version)
    {
        var row = Assert.Single(await orleans.ReadAsync(grain));
        Assert.Equal(version, row.Version);
        Assert.Equal(payload, row.Payload);
    }

    public sealed record GrainRow(
        int GrainIdHash, long GrainIdN0, long GrainIdN1, int GrainTypeHash, string GrainTypeString, string? GrainIdExtensionString, string ServiceId);

    private sealed record StoredRow(byte[]? Payload, int? Version);

    private sealed class OrleansStatements(TestDatabase db)
    {
        public async Task<List<StoredRow>> ReadAsync(GrainRow grain)
        {
            var rows = await RunAsync(ReadKey, grain, version: null, bindVersion: false, payload: null);
            Assert.True(rows.Count <= 1, $"{ReadKey} returned {rows.Count} rows");
            return rows.Select(r =>
            {
                var payload = r["PayloadBinary"];
                Assert.True(payload is null or byte[], $"PayloadBinary came back as {payload?.GetType()}");
                return new StoredRow((byte[]?)payload, r["Version"] is { } v ? Convert.ToInt32(v) : null);
            }).ToList();
        }

        /// <summary>The provider's write: the single row's NewGrainStateVersion (NULL → null).</summary>
        public async Task<int?> WriteAsync(GrainRow grain, int? version, byte[] payload)
        {
            var rows = await RunAsync(WriteKey, grain, version, bindVersion: true, payload);
            var row = Assert.Single(rows); // summed over all result sets, as the provider's SingleOrDefault sees them
            return row["NewGrainStateVersion"] is { } v ? Convert.ToInt32(v) : null;
        }

        /// <summary>The provider's clear: ordinal 0 of the single row.</summary>
        public async Task<int?> ClearAsync(GrainRow grain, int version)
        {
            var rows = await RunAsync(ClearKey, grain, version, bindVersion: true, payload: null);
            var row = Assert.Single(rows);
            return row.Values.First() is { } v ? Convert.ToInt32(v) : null;
        }

        public Task<long> CountRowsAsync() => db.CountAsync("SELECT count(*) FROM orleansstorage");

        private async Task<List<Dictionary<string, object?>>> RunAsync(string key, GrainRow grain, int? version, bool bindVersion, byte[]? payload)
        {
            var text = (string?)await db.ScalarAsync("SELECT querytext FROM orleansquery WHERE querykey = @key", ("@key", key));
            Assert.False(string.IsNullOrWhiteSpace(text), $"no {key}");

            await using var connection = await db.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = text;
            Bind(command, "GrainIdHash", grain.GrainIdHash, DbType.Int32);
            Bind(command, "GrainIdN0", grain.GrainIdN0, DbType.Int64);
            Bind(command, "GrainIdN1", grain.GrainIdN1, DbType.Int64);
            Bind(command, "GrainTypeHash", grain.GrainTypeHash, DbType.Int32);
            Bind(command, "GrainTypeString", grain.GrainTypeString, DbType.String);
            Bind(command, "GrainIdExtensionString", grain.GrainIdExtensionString, DbType.String);
            Bind(command, "ServiceId", grain.ServiceId, DbType.String);
            if (bindVersion) Bind(command, "GrainStateVersion", version, DbType.Int32);
            if (payload is not null) Bind(command, "PayloadBinary", payload, DbType.Binary);

            var rows = new List<Dictionary<string, object?>>();
            await using var reader = await command.ExecuteReaderAsync();
            do
            {
                while (await reader.ReadAsync())
                {
                    var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    for (var i = 0; i < reader.FieldCount; i++) row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                    rows.Add(row);
                }
            } while (await reader.NextResultAsync());
            return rows;
        }

        private static void Bind(DbCommand command, string name, object? value, DbType type)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name; // no "@", exactly as DbExtensions.CreateParameter does
            parameter.Direction = ParameterDirection.Input;
            parameter.DbType = type;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
    }
}
