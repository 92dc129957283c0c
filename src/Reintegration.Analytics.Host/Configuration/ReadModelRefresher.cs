using Reintegration.Analytics.Grains;

namespace Reintegration.Analytics.Host.Configuration;

/// <summary>
/// Keeps the read model's day-dependent figures (follow-up counts and coverage, return pressure) true
/// without writes: every <c>ReadModel:RefreshInterval</c> (default one hour, so a row is never more than
/// an hour into a new day), and once at start, the live table rewrites every row (a country still rebuilding
/// is rewritten once complete). Rows are also rewritten whenever a unit's figures or hidden cells change. Every silo
/// asks; the writes are idempotent upserts.
/// </summary>
public sealed class ReadModelRefresher(
    IGrainFactory grains, TimeProvider clock, IConfiguration configuration, IHostApplicationLifetime lifetime,
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
                await grains.LiveTable().RefreshReadModel(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The read model refresh failed; it is tried again in {Interval}", interval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
