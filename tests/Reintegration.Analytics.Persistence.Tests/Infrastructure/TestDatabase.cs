using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Reintegration.Analytics.Persistence.Migrations;

namespace Reintegration.Analytics.Persistence.Tests.Infrastructure;

/// <summary>One test's database, with small helpers for plain SQL (parameters are written "@name" in the text and given as ("@name", value)).</summary>
public sealed class TestDatabase(StorageOptions storage, string? sqliteDirectory) : IAsyncDisposable
{
    public StorageOptions Storage { get; } = storage;
    public DatabaseBackend Backend => Storage.Backend;
    public string ConnectionString => Storage.ConnectionString;

    public Task<IReadOnlyList<Migration>> MigrateAsync() =>
        new MigrationRunner(Backend, ConnectionString, NullLogger.Instance).ApplyAsync();

    public async Task<DbConnection> OpenAsync()
    {
        var connection = Backend.CreateConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    public async Task<object?> ScalarAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, parameters);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    public async Task<long> CountAsync(string sql, params (string Name, object? Value)[] parameters) =>
        Convert.ToInt64(await ScalarAsync(sql, parameters));

    /// <summary>Every row of every result set, DBNull as null.</summary>
    public async Task<List<object?[]>> QueryAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, parameters);
        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                rows.Add(row);
            }
        } while (await reader.NextResultAsync());
        return rows;
    }

    /// <summary>
    /// Holds the write lock the journal needs (PostgreSQL: an EXCLUSIVE table lock on returnee_journal;
    /// SQLite: an open write transaction) until disposed, so appends queue up behind it.
    /// </summary>
    public Task<IAsyncDisposable> BlockJournalWritesAsync() =>
        HoldAsync(Backend == DatabaseBackend.PostgreSql ? "LOCK TABLE returnee_journal IN EXCLUSIVE MODE" : null);

    /// <summary>
    /// Runs <paramref name="sql"/> in a transaction that stays open (and so keeps its locks) until disposed,
    /// then rolls back. On SQLite the transaction itself (BEGIN IMMEDIATE) holds the database's write lock.
    /// </summary>
    public async Task<IAsyncDisposable> HoldAsync(string? sql, params (string Name, object? Value)[] parameters)
    {
        var connection = await OpenAsync();
        // Microsoft.Data.Sqlite's BeginTransaction is BEGIN IMMEDIATE, which takes the write lock at once.
        var transaction = await connection.BeginTransactionAsync();
        if (sql is not null)
        {
            await using var command = Command(connection, sql, parameters);
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync();
        }
        return new Release(connection, transaction);
    }

    private sealed class Release(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 1) return;
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    private static DbCommand Command(DbConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    public ValueTask DisposeAsync()
    {
        if (Backend == DatabaseBackend.PostgreSql)
        {
            using var connection = new NpgsqlConnection(ConnectionString);
            NpgsqlConnection.ClearPool(connection);
        }
        else if (sqliteDirectory is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(sqliteDirectory, recursive: true);
            }
            catch (IOException)
            {
                // a file still open elsewhere; the temp directory is cleaned up by the system eventually
            }
        }
        return ValueTask.CompletedTask;
    }
}
