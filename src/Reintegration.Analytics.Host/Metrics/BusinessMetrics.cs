using Prometheus;
using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Grains;
using Reintegration.Analytics.Host.Api;

namespace Reintegration.Analytics.Host.Metrics;

/// <summary>
/// Publishes the business gauges on every scrape, read from the country grains: every silo exports the
/// same cluster-wide figures (dashboards take <c>max without(instance)</c>), so nothing double-counts and
/// nothing goes stale when grains move or a silo dies. Series of a country that fell under k or
/// disappeared are removed, so Prometheus marks them stale instead of repeating old values; a silo whose
/// refresh fails serves no business series until it succeeds again.
/// </summary>
public sealed class BusinessMetrics
{
    private static readonly TimeSpan RefreshTimeout = TimeSpan.FromSeconds(5);

    private readonly IGrainFactory _grains;
    private readonly RegionMap _regions;
    private readonly TimeProvider _clock;
    private readonly ILogger<BusinessMetrics> _logger;
    private readonly Dictionary<string, Gauge> _gauges;
    private readonly SemaphoreSlim _refreshing = new(1, 1);

    public BusinessMetrics(
        ServiceMetrics metrics, IGrainFactory grains, RegionMap regions, TimeProvider clock, ILogger<BusinessMetrics> logger)
    {
        _grains = grains;
        _regions = regions;
        _clock = clock;
        _logger = logger;
        _gauges = BusinessSeries.Families.ToDictionary(
            f => f.Key,
            f => metrics.Factory.CreateGauge(f.Key, f.Value.Help, ["country", "region", .. f.Value.ExtraLabels]));
        metrics.Registry.AddBeforeCollectCallback(RefreshAsync);
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        // Two scrapes at once must not interleave their updates and removals.
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(RefreshTimeout);
            var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
            var table = _grains.LiveTable();
            var global = (await table.GetGlobal(today).WaitAsync(timeout.Token)).Report;
            var reports = await table.GetCountries(global.Countries, today).WaitAsync(timeout.Token);
            // A country still rebuilding after a restart keeps its previous series rather than show half its figures;
            // while the globe itself is rebuilding, so does every country it has not heard from yet.
            var complete = reports.Where(r => r.Report.Pending == 0).ToList();
            var keep = reports.Where(r => r.Report.Pending > 0).Select(r => r.Report.Country).ToHashSet(StringComparer.Ordinal);
            Publish(
                complete.SelectMany(r => BusinessSeries.For(r).Select(s => (r.Report.Country, s))).ToList(),
                keep: country => keep.Contains(country) || (global.Pending > 0 && !global.Countries.Contains(country)));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Serve nothing rather than old figures: other silos' series (max without(instance)) stay current.
            _logger.LogWarning(e, "Business metrics could not be refreshed; this silo serves none until the next scrape succeeds");
            Publish([], keep: _ => false);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>
    /// Sets every sample and removes every other series, except those of countries <paramref name="keep"/> says to leave as they are.
    /// </summary>
    private void Publish(List<(string Country, BusinessSample Sample)> samples, Func<string, bool> keep)
    {
        var published = new HashSet<(string Family, string Labels)>();
        foreach (var (country, sample) in samples)
        {
            string[] labels = [country, _regions.RegionOf(country), .. sample.Labels];
            _gauges[sample.Family].WithLabels(labels).Set(sample.Value);
            published.Add((sample.Family, string.Join('\u001f', labels)));
        }
        foreach (var (family, gauge) in _gauges)
            foreach (var labels in gauge.GetAllLabelValues().ToList())
                if (!keep(labels[0]) && !published.Contains((family, string.Join('\u001f', labels))))
                    gauge.RemoveLabelled(labels);
    }
}
