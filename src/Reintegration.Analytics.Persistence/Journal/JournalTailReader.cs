using System.Threading.Channels;
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
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly Task _readers;

    private sealed record Pending(SqlBatches.TailRequest Request, TaskCompletionSource<IReadOnlyList<ReturneeChange>> Done);

    public JournalTailReader(StorageOptions storage, Serializer serializer, int readers)
    {
        _storage = storage;
        _serializer = serializer;
        _readers = Task.WhenAll(Enumerable.Range(0, readers).Select(_ => Task.Run(ReadLoopAsync)));
    }

    public Task<IReadOnlyList<ReturneeChange>> ReadAfterAsync(string caseId, long version)
    {
        var pending = new Pending(new SqlBatches.TailRequest(caseId, version),
            new TaskCompletionSource<IReadOnlyList<ReturneeChange>>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(JournalTailReader));
        return pending.Done.Task;
    }

    private async Task ReadLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending)) batch.Add(pending);
            if (batch.Count == 0) continue;
            try
            {
                await using var connection = _storage.Backend.CreateConnection(_storage.ConnectionString);
                await connection.OpenAsync();
                var tails = await SqlBatches.ReadTailsAsync(_storage.Backend, connection, batch.Select(p => p.Request).ToList());
                for (var i = 0; i < batch.Count; i++)
                {
                    // One unreadable row fails its own case, not the others read with it.
                    try
                    {
                        batch[i].Done.TrySetResult(tails[i].Select(bytes => _serializer.Deserialize<ReturneeChange>(bytes)!).ToList());
                    }
                    catch (Exception e)
                    {
                        batch[i].Done.TrySetException(e);
                    }
                }
            }
            catch (Exception e)
            {
                var unavailable = new StorageUnavailableException("the journal could not be read", e);
                foreach (var pending in batch) pending.Done.TrySetException(unavailable);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _readers;
    }
}
