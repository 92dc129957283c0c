namespace Reintegration.Analytics.Host.Api;

/// <summary>HTTP API settings (configuration section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Largest body of a single-record PUT.</summary>
    public long MaxRecordBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest NDJSON body of one <c>POST /ingest</c>.</summary>
    public long MaxIngestBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>SPEC §4 minimum cell size k: figures over fewer returnees are suppressed.</summary>
    public int MinimumCellSize { get; set; } = 5;
}
