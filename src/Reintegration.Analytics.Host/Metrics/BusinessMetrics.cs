using Microsoft.Extensions.Options;
using Prometheus;
using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Grains;
using Reintegration.Analytics.Host.Api;

namespace Reintegration.Analytics.Host.Metrics;

/// <summary>
/// Publishes the business gauges on every scrape, read from the country grains: every silo exports the
/// same cluster-wide figures (dashboards take <c>max without(instance)</c>), so nothing double-counts and
/// nothing goes stale when grains move or a silo dies. Series of a country that fell under k or
/// disappeared are removed, so Prometheus marks them stale instead of repeating old values.
/// </summary>
public sealed class BusinessMetrics
{
    private static readonly TimeSpan RefreshTimeout = TimeSpan.FromSeconds(5);

    private readonly IGrainFactory _grains;
    private readonly RegionMap _regions;
    private readonly TimeProvider _clock;
    private readonly IOptions<ApiOptions> _options;
    private readonly ILogger<BusinessMetrics> _logger;
    private readonly Dictionary<string, Gauge> _gauges;

    public BusinessMetrics(
        ServiceMetrics metrics, IGrainFactory grains, RegionMap regions, TimeProvider clock, IOptions<ApiOptions> options,
        ILogger<BusinessMetrics> logger)
    {
        _grains = grains;
        _regions = regions;
        _clock = clock;
        _options = options;
        _logger = logger;
        _gauges = BusinessSeries.Families.ToDictionary(
            f => f.Key,
            f => metrics.Factory.CreateGauge(f.Key, f.Value.Help, ["country", "region", .. f.Value.ExtraLabels]));
        metrics.Registry.AddBeforeCollectCallback(RefreshAsync);
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(RefreshTimeout);
            var global = await _grains.Global().GetReport().WaitAsync(timeout.Token);
            var reports = await Task.WhenAll(global.Countries.Select(c => _grains.Country(c).GetReport())).WaitAsync(timeout.Token);
            var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
            var samples = reports.SelectMany(r => BusinessSeries.For(r, today, _options.Value.MinimumCellSize)
                .Select(s => (Country: r.Country, Sample: s)));
            // While the cluster rebuilds after a restart some countries have not reported yet: keep their series.
            Publish(samples.ToList(), removeMissing: global.Pending == 0);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(e, "Business metrics could not be refreshed; the previous values are served");
        }
    }

    private void Publish(List<(string Country, BusinessSample Sample)> samples, bool removeMissing)
    {
        var published = new HashSet<(string Family, string Labels)>();
        foreach (var (country, sample) in samples)
        {
            string[] labels = [country, _regions.RegionOf(country), .. sample.Labels];
            _gauges[sample.Family].WithLabels(labels).Set(sample.Value);
            published.Add((sample.Family, string.Join('\u001f', labels)));
        }
        if (!removeMissing) return;
        foreach (var (family, gauge) in _gauges)
            foreach (var labels in gauge.GetAllLabelValues().ToList())
                if (!published.Contains((family, string.Join('\u001f', labels))))
                    gauge.RemoveLabelled(labels);
    }
}
