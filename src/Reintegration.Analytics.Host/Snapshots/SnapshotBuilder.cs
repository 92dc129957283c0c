using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Reintegration.Analytics.Domain.Instruments;
using Reintegration.Analytics.Domain.Snapshots;
using Reintegration.Analytics.Host.Api;
using Reintegration.Analytics.Persistence;
using Reintegration.Analytics.Persistence.Snapshots;

namespace Reintegration.Analytics.Host.Snapshots;

/// <summary>
/// Builds snapshots in the background, one at a time: a request is recorded as <c>building</c> at once (the client
/// gets <c>202</c> and a status URL), then the scope is read from the grains, the tidy table is built and protected
/// (<see cref="SnapshotTable"/>) and stored in one transaction. Ingest never waits for it: the grains answer reads
/// between writes. Builds that a stopped process left behind are marked failed at start.
/// </summary>
public sealed class SnapshotBuilder(
    SnapshotStore store, SnapshotSourceReader reader, IOptions<ApiOptions> api, IOptions<SnapshotOptions> options,
    InstrumentCatalog instruments, StorageOptions storage, TimeProvider clock, IHostApplicationLifetime lifetime,
    ILogger<SnapshotBuilder> logger) : BackgroundService
{
    private readonly Channel<(SnapshotInfo Info, SnapshotScope Scope)> _queue = Channel.CreateUnbounded<(SnapshotInfo, SnapshotScope)>();

    /// <summary>How often builds abandoned by a stopped silo are looked for (PostgreSQL; SQLite has one process).</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    public async Task<SnapshotInfo> RequestAsync(string? label, SnapshotScope scope)
    {
        var takenAt = Now();
        var id = takenAt.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture) + "-"
            + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var info = new SnapshotInfo(id, label, scope.ToString(), SnapshotInfo.Building, takenAt, null, api.Value.MinimumCellSize,
            string.Join(",", instruments.Ids.Order(StringComparer.Ordinal)), null, null);
        await store.CreateAsync(info);
        _queue.Writer.TryWrite((info, scope));
        return info;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stoppingToken);
        // SQLite has one process, so anything still building was left by a stop; PostgreSQL may have other silos building,
        // whose builds end within the timeout, so older ones are abandoned: looked for now and every minute.
        await SweepAsync(storage.Backend == DatabaseBackend.Sqlite ? TimeSpan.Zero : options.Value.BuildTimeout);
        var sweeping = storage.Backend == DatabaseBackend.PostgreSql ? SweepLoopAsync(stoppingToken) : Task.CompletedTask;

        await foreach (var (info, scope) in _queue.Reader.ReadAllAsync(stoppingToken))
            await BuildAsync(info, scope, stoppingToken);
        await sweeping;
    }

    private async Task SweepLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await SweepAsync(options.Value.BuildTimeout + SweepInterval);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task SweepAsync(TimeSpan age)
    {
        try
        {
            var failed = await store.FailStaleAsync(clock.GetUtcNow() - age);
            if (failed > 0) logger.LogWarning("{Count} snapshot builds abandoned by a stopped service were marked failed", failed);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Looking for abandoned snapshot builds failed: {Message}", e.Message);
        }
    }

    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }

    private async Task BuildAsync(SnapshotInfo info, SnapshotScope scope, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.Value.BuildTimeout);
        var watch = Stopwatch.StartNew();
        try
        {
            var takenAt = Now();
            await store.SetTakenAtAsync(info.Id, takenAt);
            var countries = await reader.ReadAsync(scope, timeout.Token);
            var today = DateOnly.FromDateTime(takenAt.UtcDateTime);
            var rows = SnapshotTable.Build(countries, scope, today, info.MinimumCellSize);
            await store.CompleteAsync(info.Id, rows, clock.GetUtcNow(), timeout.Token);
            logger.LogInformation(
                "Snapshot {Id} ({Scope}) ready: {Rows} rows from {Countries} countries read in {Elapsed} ms, {Suppressed} suppressed",
                info.Id, info.Scope, rows.Count, countries.Count, watch.ElapsedMilliseconds, rows.Count(r => r.Suppressed));
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            var reason = e is OperationCanceledException ? $"the build took longer than {options.Value.BuildTimeout}" : e.Message;
            logger.LogWarning(e, "Snapshot {Id} failed: {Reason}", info.Id, reason);
            await store.FailAsync(info.Id, reason);
        }
    }
}
