using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Reintegration.Analytics.Grains;

namespace Reintegration.Analytics.Persistence;

/// <summary>
/// Group commit, the one way this service batches database work: items added by many callers queue up, a committer takes
/// whatever has gathered (up to a batch) and writes it in one transaction, then completes each caller's task: done, or
/// failed with that item's own error. While one batch commits the next gathers, so batches grow with load.
/// </summary>
public sealed class GroupCommit<T> : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly Func<IReadOnlyList<T>, Task<IReadOnlyList<Exception?>>> _commit;
    private readonly Func<Exception, Exception> _batchFailure;
    private readonly int _maxBatch;
    private readonly string _items;
    private readonly ILogger _logger;
    private readonly Task _committers;

    private sealed record Pending(T Item, TaskCompletionSource Done);

    /// <param name="commit">Writes a batch in one transaction; returns, per item in order, null when it is durable or its error.</param>
    /// <param name="batchFailure">The error each caller of a batch gets when the whole commit failed.</param>
    /// <param name="committers">Batches committed at once.</param>
    /// <param name="items">What the items are, for the log (e.g. "journal changes").</param>
    public GroupCommit(
        Func<IReadOnlyList<T>, Task<IReadOnlyList<Exception?>>> commit, Func<Exception, Exception> batchFailure,
        int maxBatch, int committers, string items, ILogger logger)
    {
        _items = items;
        _commit = commit;
        _batchFailure = batchFailure;
        _maxBatch = maxBatch;
        _logger = logger;
        _committers = Task.WhenAll(Enumerable.Range(0, committers).Select(_ => Task.Run(CommitLoopAsync)));
    }

    /// <summary>Completes once the item is committed.</summary>
    public Task AddAsync(T item)
    {
        var pending = new Pending(item, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(GetType().Name);
        return pending.Done.Task;
    }

    private async Task CommitLoopAsync()
    {
        var batch = new List<Pending>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var pending)) batch.Add(pending);
            try
            {
                var outcomes = await _commit(batch.Select(p => p.Item).ToList());
                for (var i = 0; i < batch.Count; i++)
                {
                    if (outcomes[i] is { } error) batch[i].Done.TrySetException(error);
                    else batch[i].Done.TrySetResult();
                }
            }
            catch (Exception e)
            {
                _logger.Failure(LogLevel.Warning, e, "A batch of {Count} {Items} could not be committed", batch.Count, _items);
                foreach (var pending in batch) pending.Done.TrySetException(_batchFailure(e));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _committers;
    }
}
