using System.Data.Common;
using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;
using Reintegration.Analytics.Domain.Snapshots;

namespace Reintegration.Analytics.Persistence.Snapshots;

/// <summary>
/// Snapshots as immutable rows in the service's database (SPEC §3.3): a snapshot is announced as building, then
/// its whole table is inserted in the transaction that marks it ready, so a reader sees all of its rows or none.
/// Rows are read back in table order as a stream, so an export never holds a large snapshot in memory.
/// </summary>
public sealed class SnapshotStore(StorageOptions storage)
{
    private const string InfoColumns = "id, label, scope, status, taken_at, completed_at, minimum_cell_size, instrument, row_count, error";
    private const string RowColumns =
        "seq, level, unit_code, unit_name, country, region, indicator, grp, value, numerator, denominator, n, suppressed";

    private readonly SqlStore _store = new(storage);

    private bool IsPostgres => _store.IsPostgres;

    public async Task CreateAsync(SnapshotInfo info)
    {
        await using var connection = await _store.OpenAsync();
        await using var command = SqlStore.Command(connection,
            $"INSERT INTO snapshots ({InfoColumns}) VALUES (@id, @label, @scope, @status, @taken, NULL, @k, @instrument, NULL, NULL)",
            ("@id", info.Id), ("@label", info.Label), ("@scope", info.Scope), ("@status", info.Status),
            ("@taken", _store.Time(info.TakenAt)), ("@k", info.MinimumCellSize), ("@instrument", info.Instrument));
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Inserts the table and marks the snapshot ready, in one transaction.</summary>
    public async Task CompleteAsync(
        string id, IReadOnlyList<SnapshotRow> rows, DateTimeOffset completedAt, CancellationToken cancellation = default)
    {
        await using var connection = await _store.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        if (IsPostgres) await CopyRowsAsync((NpgsqlConnection)connection, id, rows, cancellation);
        else await InsertRowsAsync(connection, transaction, id, rows, cancellation);
        await using var command = SqlStore.Command(connection,
            "UPDATE snapshots SET status = @status, completed_at = @completed, row_count = @rows WHERE id = @id AND status = @building",
            ("@status", SnapshotInfo.Ready), ("@completed", _store.Time(completedAt)), ("@rows", (long)rows.Count), ("@id", id),
            ("@building", SnapshotInfo.Building));
        command.Transaction = transaction;
        // A snapshot marked failed meanwhile (its build was taken for abandoned) or deleted stays so: its rows are not kept.
        if (await command.ExecuteNonQueryAsync(cancellation) == 0)
            throw new InvalidOperationException($"snapshot '{id}' is no longer being built (failed or deleted meanwhile)");
        await transaction.CommitAsync(cancellation);
    }

    /// <summary>Sets the moment the snapshot's data were read (when its build starts, which may be after the request).</summary>
    public async Task SetTakenAtAsync(string id, DateTimeOffset takenAt)
    {
        await using var connection = await _store.OpenAsync();
        await using var command = SqlStore.Command(connection, "UPDATE snapshots SET taken_at = @taken WHERE id = @id",
            ("@taken", _store.Time(takenAt)), ("@id", id));
        await command.ExecuteNonQueryAsync();
    }

    public async Task FailAsync(string id, string error)
    {
        await using var connection = await _store.OpenAsync();
        await using var command = SqlStore.Command(connection,
            "UPDATE snapshots SET status = @status, error = @error WHERE id = @id AND status = @building",
            ("@status", SnapshotInfo.Failed), ("@error", error), ("@id", id), ("@building", SnapshotInfo.Building));
        await command.ExecuteNonQueryAsync();
    }

    public async Task<IReadOnlyList<SnapshotInfo>> ListAsync()
    {
        await using var connection = await _store.OpenAsync();
        await using var command = SqlStore.Command(connection, $"SELECT {InfoColumns} FROM snapshots ORDER BY taken_at, id");
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<SnapshotInfo>();
        while (await reader.ReadAsync()) list.Add(ReadInfo(reader));
        return list;
    }

    public async Task<SnapshotInfo?> FindAsync(string id)
    {
        await using var connection = await _store.OpenAsync();
        await using var command = SqlStore.Command(connection, $"SELECT {InfoColumns} FROM snapshots WHERE id = @id", ("@id", id));
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? ReadInfo(reader) : null;
    }

    /// <summary>The rows of a snapshot in table order, read as they are consumed.</summary>
    public async IAsyncEnumerable<SnapshotRow> ReadRowsAsync(string id, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        await using var connection = await _store.OpenAsync();
        await using var command = SqlStore.Command(connection,
            $"SELECT {RowColumns} FROM snapshot_rows WHERE snapshot_id = @id ORDER BY seq", ("@id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            yield return new SnapshotRow(reader.GetString(1), reader.GetString(2), reader.GetString(3), SqlStore.NullableString(reader, 4),
                SqlStore.NullableString(reader, 5), reader.GetString(6), reader.GetString(7), NullableDouble(reader, 8),
                NullableDouble(reader, 9), NullableDouble(reader, 10), reader.IsDBNull(11) ? null : reader.GetInt64(11),
                reader.GetBoolean(12));
    }

    /// <summary>Deletes a snapshot and its rows; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string id)
    {
        await using var connection = await _store.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var rows = SqlStore.Command(connection, "DELETE FROM snapshot_rows WHERE snapshot_id = @id", ("@id", id));
        rows.Transaction = transaction;
        await rows.ExecuteNonQueryAsync();
        await using var info = SqlStore.Command(connection, "DELETE FROM snapshots WHERE id = @id", ("@id", id));
        info.Transaction = transaction;
        var deleted = await info.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return deleted > 0;
    }

    /// <summary>
    /// Marks as failed the snapshots still building that were taken before <paramref name="cutoff"/>: their builder
    /// stopped (a build that runs longer than its timeout is cancelled, so none is still running).
    /// </summary>
    public async Task<int> FailStaleAsync(DateTimeOffset cutoff)
    {
        await using var connection = await _store.OpenAsync();
        await using var command = SqlStore.Command(connection,
            "UPDATE snapshots SET status = @status, error = @error WHERE status = @building AND taken_at < @cutoff",
            ("@status", SnapshotInfo.Failed), ("@error", "the service stopped while the snapshot was being built"),
            ("@building", SnapshotInfo.Building), ("@cutoff", _store.Time(cutoff)));
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task CopyRowsAsync(
        NpgsqlConnection connection, string id, IReadOnlyList<SnapshotRow> rows, CancellationToken cancellation)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY snapshot_rows (snapshot_id, {RowColumns}) FROM STDIN (FORMAT BINARY)", cancellation);
        for (var seq = 0; seq < rows.Count; seq++)
        {
            var r = rows[seq];
            await copy.StartRowAsync(cancellation);
            await copy.WriteAsync(id, NpgsqlDbType.Text, cancellation);
            await copy.WriteAsync(seq, NpgsqlDbType.Integer, cancellation);
            foreach (var text in new[] { r.Level, r.UnitCode, r.UnitName, r.Country, r.Region, r.Indicator, r.Group })
                await WriteNullableAsync(copy, text, NpgsqlDbType.Text, cancellation);
            foreach (var number in new[] { r.Value, r.Numerator, r.Denominator })
                await WriteNullableAsync(copy, number, NpgsqlDbType.Double, cancellation);
            await WriteNullableAsync(copy, r.N, NpgsqlDbType.Bigint, cancellation);
            await copy.WriteAsync(r.Suppressed, NpgsqlDbType.Boolean, cancellation);
        }
        await copy.CompleteAsync(cancellation);
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellation) =>
        value is null ? copy.WriteNullAsync(cancellation) : copy.WriteAsync(value, type, cancellation);

    private static async Task InsertRowsAsync(
        DbConnection connection, DbTransaction transaction, string id, IReadOnlyList<SnapshotRow> rows, CancellationToken cancellation)
    {
        var names = RowColumns.Split(", ");
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"INSERT INTO snapshot_rows (snapshot_id, {RowColumns}) VALUES (@id, {string.Join(", ", names.Select(n => "@" + n))})";
        var parameters = names.Select(n => Journal.SqlBatches.Add(command, "@" + n, DBNull.Value)).ToArray();
        Journal.SqlBatches.Add(command, "@id", id);
        command.Prepare();
        for (var seq = 0; seq < rows.Count; seq++)
        {
            var r = rows[seq];
            object?[] values = [seq, r.Level, r.UnitCode, r.UnitName, r.Country, r.Region, r.Indicator, r.Group, r.Value, r.Numerator,
                r.Denominator, r.N, r.Suppressed];
            for (var i = 0; i < values.Length; i++) parameters[i].Value = values[i] ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(cancellation);
        }
    }

    private SnapshotInfo ReadInfo(DbDataReader reader) => new(
        reader.GetString(0), SqlStore.NullableString(reader, 1), reader.GetString(2), reader.GetString(3), _store.ReadTime(reader, 4),
        reader.IsDBNull(5) ? null : _store.ReadTime(reader, 5), reader.GetInt32(6), reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetInt64(8), SqlStore.NullableString(reader, 9));

    private static double? NullableDouble(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
}
