using Prometheus;

namespace Reintegration.Analytics.Host.Metrics;

/// <summary>
/// This host's Prometheus registry (one per host, so in-process test hosts never share series): .NET
/// process metrics, the Orleans instruments worth a series (see <see cref="OrleansInstruments"/>), HTTP
/// request metrics, and the service's own families, all served at <c>GET /metrics</c>.
/// </summary>
public sealed class ServiceMetrics : IDisposable
{
    private readonly IDisposable _meters;

    public ServiceMetrics()
    {
        DotNetStats.Register(Registry);
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
