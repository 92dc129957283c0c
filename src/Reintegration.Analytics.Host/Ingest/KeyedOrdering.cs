namespace Reintegration.Analytics.Host.Ingest;

/// <summary>
/// Lets bulk-ingested records run concurrently while keeping the result of applying them in line
/// order: a record waits for the earlier records that write what it writes or reads, and readers of
/// the same entity (returnees of one community) do not wait for each other.
/// </summary>
internal sealed class KeyedOrdering
{
    private readonly Dictionary<string, KeyState> _keys = new(StringComparer.Ordinal);

    private sealed class KeyState
    {
        public Task LastWriter = Task.CompletedTask;
        public List<Task> ReadersSinceWriter = [];
    }

    /// <summary>
    /// What records that write <paramref name="writes"/> and read <paramref name="reads"/> must wait for; then registers
    /// <paramref name="run"/> as their task.
    /// </summary>
    public Task Chain(IReadOnlyCollection<string> writes, IReadOnlyCollection<string> reads, Func<Task> run)
    {
        var waitFor = new List<Task>();
        foreach (var key in writes)
        {
            var state = Get(key);
            waitFor.Add(state.LastWriter);
            waitFor.AddRange(state.ReadersSinceWriter);
        }
        foreach (var key in reads) waitFor.Add(Get(key).LastWriter);

        var pending = waitFor.Where(t => !t.IsCompleted).ToArray();
        var task = pending.Length == 0 ? run() : Task.WhenAll(pending).ContinueWith(_ => run()).Unwrap();

        foreach (var key in writes)
        {
            var state = Get(key);
            state.LastWriter = task;
            state.ReadersSinceWriter = [];
        }
        foreach (var key in reads)
        {
            var state = Get(key);
            state.ReadersSinceWriter.RemoveAll(t => t.IsCompleted);
            state.ReadersSinceWriter.Add(task);
        }
        return task;
    }

    /// <summary>Forgets keys whose tasks are all finished, so memory stays bounded on long imports.</summary>
    public void Prune()
    {
        foreach (var (key, state) in _keys.ToList())
            if (state.LastWriter.IsCompleted && state.ReadersSinceWriter.All(t => t.IsCompleted))
                _keys.Remove(key);
    }

    private KeyState Get(string key)
    {
        if (!_keys.TryGetValue(key, out var state)) _keys[key] = state = new KeyState();
        return state;
    }
}
