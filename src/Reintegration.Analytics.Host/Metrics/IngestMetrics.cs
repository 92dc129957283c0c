using Prometheus;
using Reintegration.Analytics.Grains;

namespace Reintegration.Analytics.Host.Metrics;

/// <summary>
/// <c>reintegration_ingest_records_total{kind,outcome}</c> and <c>reintegration_ingest_duration_seconds</c>:
/// every record written through PUT or NDJSON, counted once with its final outcome (after retries).
/// </summary>
public sealed class IngestMetrics(ServiceMetrics metrics)
{
    public const string Applied = "applied";
    public const string Unchanged = "unchanged";
    public const string Rejected = "rejected";
    /// <summary>Not acknowledged because of a server-side failure (database or silo), after retries.</summary>
    public const string Failed = "failed";
    /// <summary>The kind label of a line whose kind could not be read.</summary>
    public const string UnknownKind = "unknown";

    private readonly Counter _records = metrics.Factory.CreateCounter(
        "reintegration_ingest_records_total", "Records received through PUT and POST /ingest, by record kind and outcome.",
        ["kind", "outcome"]);

    private readonly Histogram _duration = metrics.Factory.CreateHistogram(
        "reintegration_ingest_duration_seconds", "Time from a parsed record to its acknowledgement (durable), per record.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 14) });

    public static string OutcomeOf(WriteResult result) => result.Status switch
    {
        WriteStatus.Applied => Applied,
        WriteStatus.Unchanged => Unchanged,
        _ => Rejected,
    };

    public void Count(string kind, string outcome) => _records.WithLabels(kind, outcome).Inc();

    public void Acknowledged(string kind, string outcome, TimeSpan elapsed)
    {
        Count(kind, outcome);
        _duration.Observe(elapsed.TotalSeconds);
    }
}
