using Prometheus;

namespace Reintegration.Analytics.Host.Metrics;

/// <summary>
/// This host's Prometheus registry (one per host, so in-process test hosts never share series): .NET process metrics and
/// the time the garbage collector paused the process (<see cref="GcPauseSeries"/>), the Orleans instruments worth a series
/// (see <see cref="OrleansInstruments"/>), HTTP request metrics, and the service's own families, all served at
/// <c>GET /metrics</c>.
/// </summary>
public sealed class ServiceMetrics : IDisposable
{
    /// <summary>
    /// Every request and grain call waits out a pause; prometheus-net's process metrics count collections but not their
    /// pauses, which bound read latencies during a large import (BENCHMARKS.md, "What limits the figures").
    /// </summary>
    public const string GcPauseSeries = "dotnet_gc_pause_seconds_total";

    private readonly IDisposable _meters;

    public ServiceMetrics()
    {
        DotNetStats.Register(Registry);
        var gcPause = Factory.CreateCounter(GcPauseSeries, "Time the garbage collector paused the process since it started.");
        Registry.AddBeforeCollectCallback(() => gcPause.IncTo(GC.GetTotalPauseDuration().TotalSeconds));
        _meters = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = Registry,
            MetricFactory = Factory,
            InstrumentFilterPredicate = OrleansInstruments.IsExported,
        });
    }

    public CollectorRegistry Registry { get; } = Prometheus.Metrics.NewCustomRegistry();

    public IMetricFactory Factory => Prometheus.Metrics.WithCustomRegistry(Registry);

    public void Dispose() => _meters.Dispose();
}
