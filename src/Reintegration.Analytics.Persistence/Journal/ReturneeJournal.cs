using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Reintegration.Analytics.Domain.Returnees;
using Reintegration.Analytics.Grains.Storage;

namespace Reintegration.Analytics.Persistence.Journal;

/// <summary>
/// Group commit for returnee changes: appends from every grain of the silo are queued, and a
/// committer takes whatever has gathered and writes it in a single transaction (journal rows and
/// membership rows as two multi-row statements), then completes every waiting append. While
/// batches commit the next ones gather, so batches grow with load and statements per record shrink.
/// </summary>
public sealed class ReturneeJournal : IReturneeJournal, IAsyncDisposable
{
    public const int MaxBatch = 2000;

    /// <summary>
    /// Batches committed at once. A returnee waits for its append (its versions at once) before the next, so one case
    /// is never in two concurrent batches; rows are sorted, so concurrent batches cannot deadlock.
    /// SQLite has one writer at a time anyway.
    /// </summary>
    public int Committers => _storage.Backend == DatabaseBackend.PostgreSql ? 4 : 1;

    private readonly StorageOptions _storage;
    private readonly Serializer _serializer;
    private readonly ILogger<ReturneeJournal> _logger;
    private readonly DatabaseBatcher<SqlBatches.Row[], bool> _commits;
    private readonly JournalTailReader _tails;

    public ReturneeJournal(StorageOptions storage, Serializer serializer, ILogger<ReturneeJournal> logger)
    {
        _storage = storage;
        _serializer = serializer;
        _logger = logger;
        _commits = new DatabaseBatcher<SqlBatches.Row[], bool>(CommitBatchAsync,
            e => new StorageUnavailableException("the journal could not be written", e), MaxBatch, Committers, "journal changes", logger);
        _tails = new JournalTailReader(storage, serializer, readers: storage.Backend == DatabaseBackend.PostgreSql ? 4 : 2, logger);
    }

    /// <summary>Statements and batches committed so far, for the benchmark and diagnostics.</summary>
    public JournalStatistics Statistics { get; } = new();

    public Task AppendAsync(IReadOnlyList<JournalEntry> entries) =>
        _commits.AddAsync(entries.Select(entry => new SqlBatches.Row(
            entry.CaseId,
            entry.Version,
            _serializer.SerializeToArray(entry.Change),
            entry.Contribution.CommunityId,
            _serializer.SerializeToArray(entry.Contribution))).ToArray());

    public Task<IReadOnlyList<ReturneeChange>> ReadAfterAsync(string caseId, long version) => _tails.ReadAfterAsync(caseId, version);

    private async Task<IReadOnlyList<DatabaseBatcher<SqlBatches.Row[], bool>.Outcome>> CommitBatchAsync(
        IReadOnlyList<SqlBatches.Row[]> appends)
    {
        var committed = await CommitAsync(appends);
        return appends.Select((rows, i) =>
        {
            if (committed[i]) return DatabaseBatcher<SqlBatches.Row[], bool>.Outcome.Done(true);
            var first = rows[0];
            return DatabaseBatcher<SqlBatches.Row[], bool>.Outcome.Failed(new JournalConflictException(first.CaseId, first.Version));
        }).ToList();
    }

    /// <summary>
    /// Commits the appends in one transaction; for each, whether all its rows are now journaled from it. An append with a
    /// version already journaled (by another activation, or by an earlier append of the same batch) gets none of its rows
    /// in: a later version of it must not follow a version it did not write.
    /// </summary>
    private async Task<bool[]> CommitAsync(IReadOnlyList<SqlBatches.Row[]> appends)
    {
        var rows = appends.SelectMany(a => a).ToList();
        // A stable order (case, version; ties in arrival order) makes concurrent silos lock rows alike: no deadlocks.
        var ordered = rows.OrderBy(r => r.CaseId, StringComparer.Ordinal).ThenBy(r => r.Version).ToList();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = _storage.Backend.CreateConnection(_storage.ConnectionString);
                await connection.OpenAsync();
                await using var transaction = await connection.BeginTransactionAsync();
                var (inserted, statements) = await SqlBatches.InsertJournalAsync(_storage.Backend, connection, transaction, ordered);
                // An inserted row came from the first append (in arrival order) that holds its (case, version).
                var owner = new Dictionary<(string, long), int>();
                for (var i = 0; i < appends.Count; i++)
                    foreach (var row in appends[i])
                        if (inserted.Contains((row.CaseId, row.Version))) owner.TryAdd((row.CaseId, row.Version), i);
                var committed = appends.Select((a, i) => a.All(r => owner.GetValueOrDefault((r.CaseId, r.Version), -1) == i)).ToArray();
                var withdrawn = owner.Where(o => !committed[o.Value]).Select(o => o.Key).ToList();
                if (withdrawn.Count > 0)
                    statements += await SqlBatches.DeleteJournalAsync(_storage.Backend, connection, transaction, withdrawn);
                var applied = appends.Where((_, i) => committed[i]).SelectMany(a => a).ToList();
                if (applied.Count > 0) statements += await SqlBatches.UpsertMembersAsync(_storage.Backend, connection, transaction, applied);
                await transaction.CommitAsync();
                Statistics.Record(rows.Count, statements);
                return committed;
            }
            catch (Npgsql.PostgresException e) when (e.SqlState is "40P01" or "40001" && attempt < 3)
            {
                _logger.LogInformation("Journal batch retried after {State}", e.SqlState);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _commits.DisposeAsync();
        await _tails.DisposeAsync();
    }
}
