using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Reintegration.Analytics.Grains;

namespace Reintegration.Analytics.Persistence;

/// <summary>
/// The one way this service batches database work (group commit of journal changes, audit rows and community directory
/// registrations, group reads of journal tails): items added by many callers queue up, a worker takes whatever has
/// gathered (up to a batch), handles it in one transaction or query, then completes each caller's task with its own result
/// or error. While one batch runs the next gathers, so batches grow with load and a lone item goes at once.
/// </summary>
public sealed class DatabaseBatcher<TItem, TResult> : IAsyncDisposable
{
    /// <summary>What one item came to: its result, or its own error.</summary>
    public readonly record struct Outcome(TResult? Value, Exception? Error)
    {
        public static Outcome Done(TResult value) => new(value, null);
        public static Outcome Failed(Exception error) => new(default, error);
    }

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly Func<IReadOnlyList<TItem>, Task<IReadOnlyList<Outcome>>> _run;
    private readonly Func<Exception, Exception> _batchFailure;
    private readonly int _maxBatch;
    private readonly string _items;
    private readonly ILogger _logger;
    private readonly Task _workers;

    private sealed record Pending(TItem Item, TaskCompletionSource<TResult> Done);

    /// <param name="run">Handles a batch in one round trip or transaction; returns an outcome per item, in order.</param>
    /// <param name="batchFailure">The error each caller of a batch gets when the whole batch failed.</param>
    /// <param name="workers">Batches handled at once.</param>
    /// <param name="items">What the items are, for the log (e.g. "journal changes").</param>
    public DatabaseBatcher(
        Func<IReadOnlyList<TItem>, Task<IReadOnlyList<Outcome>>> run, Func<Exception, Exception> batchFailure,
        int maxBatch, int workers, string items, ILogger logger)
    {
        _run = run;
        _batchFailure = batchFailure;
        _maxBatch = maxBatch;
        _items = items;
        _logger = logger;
        _workers = Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(WorkLoopAsync)));
    }

    /// <summary>Completes once the item's batch is done, with the item's result.</summary>
    public Task<TResult> AddAsync(TItem item)
    {
        var pending = new Pending(item, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(GetType().Name);
        return pending.Done.Task;
    }

    private async Task WorkLoopAsync()
    {
        var batch = new List<Pending>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var pending)) batch.Add(pending);
            if (batch.Count == 0) continue;
            try
            {
                var outcomes = await _run(batch.Select(p => p.Item).ToList());
                for (var i = 0; i < batch.Count; i++)
                {
                    if (outcomes[i].Error is { } error) batch[i].Done.TrySetException(error);
                    else batch[i].Done.TrySetResult(outcomes[i].Value!);
                }
            }
            catch (Exception e)
            {
                _logger.Failure(LogLevel.Warning, e, "A batch of {Count} {Items} failed", batch.Count, _items);
                foreach (var pending in batch) pending.Done.TrySetException(_batchFailure(e));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _workers;
    }
}
