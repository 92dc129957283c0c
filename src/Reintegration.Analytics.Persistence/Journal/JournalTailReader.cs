using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Reintegration.Analytics.Domain.Returnees;
using Reintegration.Analytics.Grains.Storage;

namespace Reintegration.Analytics.Persistence.Journal;

/// <summary>
/// Group read for activations: every returnee grain reads its journal tail when it activates, and a
/// bulk import activates hundreds at once. Requests queue, and a reader takes whatever has gathered
/// and answers all of them with one query, so round trips (the main cost of a registration on
/// PostgreSQL) shrink with load. A lone request is read at once, as before.
/// </summary>
internal sealed class JournalTailReader : IAsyncDisposable
{
    public const int MaxBatch = 500;

    private readonly StorageOptions _storage;
    private readonly Serializer _serializer;
    private readonly DatabaseBatcher<SqlBatches.TailRequest, IReadOnlyList<ReturneeChange>> _reads;

    public JournalTailReader(StorageOptions storage, Serializer serializer, int readers, ILogger logger)
    {
        _storage = storage;
        _serializer = serializer;
        _reads = new DatabaseBatcher<SqlBatches.TailRequest, IReadOnlyList<ReturneeChange>>(ReadBatchAsync,
            e => new StorageUnavailableException("the journal could not be read", e), MaxBatch, readers, "journal tail reads", logger);
    }

    public Task<IReadOnlyList<ReturneeChange>> ReadAfterAsync(string caseId, long version) =>
        _reads.AddAsync(new SqlBatches.TailRequest(caseId, version));

    private async Task<IReadOnlyList<DatabaseBatcher<SqlBatches.TailRequest, IReadOnlyList<ReturneeChange>>.Outcome>> ReadBatchAsync(
        IReadOnlyList<SqlBatches.TailRequest> requests)
    {
        await using var connection = _storage.Backend.CreateConnection(_storage.ConnectionString);
        await connection.OpenAsync();
        var tails = await SqlBatches.ReadTailsAsync(_storage.Backend, connection, requests);
        return tails.Select(tail =>
        {
            // One unreadable row fails its own case, not the others read with it.
            try
            {
                IReadOnlyList<ReturneeChange> changes = tail.Select(bytes => _serializer.Deserialize<ReturneeChange>(bytes)!).ToList();
                return DatabaseBatcher<SqlBatches.TailRequest, IReadOnlyList<ReturneeChange>>.Outcome.Done(changes);
            }
            catch (Exception e)
            {
                return DatabaseBatcher<SqlBatches.TailRequest, IReadOnlyList<ReturneeChange>>.Outcome.Failed(e);
            }
        }).ToList();
    }

    public ValueTask DisposeAsync() => _reads.DisposeAsync();
}
