namespace Reintegration.Analytics.Host.Ingest;

/// <summary>
/// What an import has done so far, readable while it runs and after it stopped early (a body over the limit, a timeout):
/// the audit row of a batch carries these counts whatever its outcome.
/// </summary>
public sealed class IngestTally
{
    private long _accepted, _unchanged, _rejected;

    public long Accepted => Interlocked.Read(ref _accepted);
    public long Unchanged => Interlocked.Read(ref _unchanged);
    public long Rejected => Interlocked.Read(ref _rejected);

    public void CountAccepted(bool unchanged)
    {
        Interlocked.Increment(ref _accepted);
        if (unchanged) Interlocked.Increment(ref _unchanged);
    }

    public void CountRejected() => Interlocked.Increment(ref _rejected);

    public override string ToString() => $"accepted={Accepted} unchanged={Unchanged} rejected={Rejected}";
}
