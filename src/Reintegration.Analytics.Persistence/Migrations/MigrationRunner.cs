using System.Data;
using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace Reintegration.Analytics.Persistence.Migrations;

/// <summary>
/// Brings a database to the newest schema: creates <c>schema_migrations</c> if needed and applies
/// every pending migration, all in one transaction. Idempotent, and safe when two silos start at
/// once: PostgreSQL takes a transaction-scoped advisory lock, SQLite an immediate (write) transaction,
/// so the second starter waits and then finds nothing left to do.
/// </summary>
public sealed class MigrationRunner(DatabaseBackend backend, string connectionString, ILogger logger)
{
    /// <summary>Arbitrary constant naming this service's migration lock among PostgreSQL advisory locks.</summary>
    private const long AdvisoryLockKey = 0x5245494E_54454752; // "REINTEGR"

    public async Task<IReadOnlyList<Migration>> ApplyAsync(CancellationToken cancellationToken = default)
    {
        var migrations = MigrationCatalog.For(backend);
        await using var connection = backend.CreateConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        if (backend == DatabaseBackend.Sqlite)
        {
            // Write-ahead logging: readers do not block the journal's writer. The mode is stored in the file.
            await using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL";
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var transaction = backend == DatabaseBackend.Sqlite
            ? await BeginImmediateAsync(connection, cancellationToken)
            : await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

        if (backend == DatabaseBackend.PostgreSql)
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);

        await ExecuteAsync(connection, transaction, backend == DatabaseBackend.PostgreSql
            ? "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
            : "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))",
            cancellationToken);

        var applied = new HashSet<int>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT version FROM schema_migrations";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) applied.Add(reader.GetInt32(0));
        }

        var pending = migrations.Where(m => !applied.Contains(m.Version)).ToList();
        foreach (var migration in pending)
        {
            logger.LogInformation("Applying {Backend} migration {Version} {Name}", backend, migration.Version, migration.Name);
            try
            {
                await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            }
            catch (DbException e)
            {
                throw new InvalidOperationException($"{backend} migration {migration.Version:D4}_{migration.Name} failed: {e.Message}", e);
            }
            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_migrations (version, name) VALUES (@version, @name)";
            AddParameter(record, "@version", migration.Version);
            AddParameter(record, "@name", migration.Name);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return pending;
    }

    /// <summary>Microsoft.Data.Sqlite's non-deferred transaction is BEGIN IMMEDIATE: the write lock is taken up front.</summary>
    private static async Task<DbTransaction> BeginImmediateAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await ((Microsoft.Data.Sqlite.SqliteConnection)connection).BeginTransactionAsync(cancellationToken);

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
