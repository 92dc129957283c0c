using Reintegration.Analytics.Grains.Aggregation;

namespace Reintegration.Analytics.Host.Metrics;

/// <summary><c>reintegration_aggregate_freshness_seconds</c>: this silo's oldest change not yet in the live table (what users see).</summary>
public sealed class FreshnessMetrics
{
    public FreshnessMetrics(ServiceMetrics metrics, AggregateFreshness freshness)
    {
        var gauge = metrics.Factory.CreateGauge("reintegration_aggregate_freshness_seconds",
            "Age of the oldest acknowledged change not yet in the live table, what users see (0 when none waits), per silo.");
        metrics.Registry.AddBeforeCollectCallback(() => gauge.Set(freshness.OldestWait.TotalSeconds));
    }
}
