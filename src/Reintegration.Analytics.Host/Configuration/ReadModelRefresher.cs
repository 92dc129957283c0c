using Reintegration.Analytics.Grains;
using Reintegration.Analytics.Grains.Storage;

namespace Reintegration.Analytics.Host.Configuration;

/// <summary>
/// Keeps the read model's day-dependent figures (follow-up counts and coverage, return pressure) true
/// without writes: every <c>ReadModel:RefreshInterval</c> (default one hour, so a row is never more than
/// an hour into a new day), and once at start, each country rewrites its rows (a country still rebuilding
/// writes them once complete). Rows are also rewritten whenever a unit's aggregates change. Every silo
/// refreshes; the writes are idempotent upserts.
/// </summary>
public sealed class ReadModelRefresher(
    IGrainFactory grains, ICommunityDirectory directory, IConfiguration configuration, IHostApplicationLifetime lifetime,
    ILogger<ReadModelRefresher> logger) : BackgroundService
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("ReadModel:RefreshInterval", DefaultInterval);
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stoppingToken);

        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                foreach (var country in await directory.CountriesAsync())
                    await grains.Country(country).RefreshReadModel();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The read model refresh failed; it is tried again in {Interval}", interval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
