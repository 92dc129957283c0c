namespace Reintegration.Analytics.Host.Api;

/// <summary>HTTP API settings (configuration section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Largest body of a single-record PUT.</summary>
    public long MaxRecordBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest NDJSON body of one <c>POST /ingest</c>.</summary>
    public long MaxIngestBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Largest request line and headers together (Kestrel answers 431 above it).</summary>
    public int MaxHeaderBytes { get; set; } = 16 * 1024;

    /// <summary>How long a request may take before it is cancelled and answered 504.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The same for bulk work: <c>POST /ingest</c> and snapshot downloads and diffs.</summary>
    public TimeSpan BulkRequestTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Requests per second each caller (a key or token name; the address for anonymous requests) may send.</summary>
    public int RequestsPerSecond { get; set; } = 200;

    /// <summary>Requests a caller may send at once above its rate before being answered 429.</summary>
    public int RequestBurst { get; set; } = 400;

    /// <summary>SPEC §4 minimum cell size k: figures over fewer returnees are suppressed.</summary>
    public int MinimumCellSize { get; set; } = 5;
}
