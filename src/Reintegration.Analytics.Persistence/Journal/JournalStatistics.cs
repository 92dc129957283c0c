namespace Reintegration.Analytics.Persistence.Journal;

/// <summary>Counts of what the journal committed: records, batches (transactions) and SQL statements.</summary>
public sealed class JournalStatistics
{
    private long _records, _batches, _statements;

    public long Records => Interlocked.Read(ref _records);
    public long Batches => Interlocked.Read(ref _batches);
    public long Statements => Interlocked.Read(ref _statements);

    internal void Record(int records, int statements)
    {
        Interlocked.Add(ref _records, records);
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _statements, statements);
    }
}
