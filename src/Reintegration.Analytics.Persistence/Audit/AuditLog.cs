using Microsoft.Extensions.Logging;
using Reintegration.Analytics.Grains.Storage;

namespace Reintegration.Analytics.Persistence.Audit;

/// <summary>
/// The append-only audit log table. Appends from concurrent requests are group-committed; a request that is audited
/// completes only once its row is durable, so an acknowledged write is never missing from the log.
/// </summary>
public sealed class AuditLog : IAsyncDisposable
{
    private const int MaxBatch = 500;
    private const string Columns = "caller, role, action, target, outcome, details";

    private readonly SqlStore _store;
    private readonly DatabaseBatcher<AuditEntry, bool> _commits;

    public AuditLog(StorageOptions storage, ILogger<AuditLog> logger)
    {
        _store = new SqlStore(storage);
        _commits = new DatabaseBatcher<AuditEntry, bool>(InsertAsync,
            e => new StorageUnavailableException("the audit log could not be written", e), MaxBatch, workers: 1, "audit entries", logger);
    }

    public Task AppendAsync(AuditEntry entry) => _commits.AddAsync(entry);

    private async Task<IReadOnlyList<DatabaseBatcher<AuditEntry, bool>.Outcome>> InsertAsync(IReadOnlyList<AuditEntry> entries)
    {
        await using var connection = await _store.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = SqlStore.Command(connection,
            $"INSERT INTO audit_log (at, {Columns}) VALUES (@at, @caller, @role, @action, @target, @outcome, @details)",
            ("@at", null), ("@caller", null), ("@role", null), ("@action", null), ("@target", null), ("@outcome", 0), ("@details", null));
        command.Transaction = transaction;
        foreach (var entry in entries)
        {
            object?[] values = [_store.Time(entry.At), entry.Caller, entry.Role, entry.Action, entry.Target, entry.Outcome, entry.Details];
            for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
            await command.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return entries.Select(_ => DatabaseBatcher<AuditEntry, bool>.Outcome.Done(true)).ToList();
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(AuditQuery query, CancellationToken cancellation = default)
    {
        var conditions = new List<string> { "id > @after" };
        var parameters = new List<(string, object?)> { ("@after", query.AfterId), ("@limit", query.Limit) };
        if (query.From is { } from)
        {
            conditions.Add("at >= @from");
            parameters.Add(("@from", _store.Time(from)));
        }
        if (query.To is { } to)
        {
            conditions.Add("at < @to");
            parameters.Add(("@to", _store.Time(to)));
        }
        if (query.Caller is { } caller)
        {
            conditions.Add("caller = @caller");
            parameters.Add(("@caller", caller));
        }
        await using var connection = await _store.OpenAsync(cancellation);
        await using var command = SqlStore.Command(connection,
            $"SELECT id, at, {Columns} FROM audit_log WHERE {string.Join(" AND ", conditions)} ORDER BY id LIMIT @limit", [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellation))
            entries.Add(new AuditEntry(reader.GetInt64(0), _store.ReadTime(reader, 1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetInt32(6), SqlStore.NullableString(reader, 7)));
        return entries;
    }

    public ValueTask DisposeAsync() => _commits.DisposeAsync();
}
