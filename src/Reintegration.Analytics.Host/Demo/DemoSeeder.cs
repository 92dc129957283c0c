using Reintegration.Analytics.Domain.Access;
using Reintegration.Analytics.Host.Ingest;

namespace Reintegration.Analytics.Host.Demo;

/// <summary>With <c>--demo</c>, loads <see cref="DemoProgramme"/> through the NDJSON ingest path once the service is up.</summary>
public sealed class DemoSeeder(
    IngestProcessor ingest,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<DemoSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stoppingToken);

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        logger.LogInformation("Loading demo programme data through POST /ingest's code path...");
        var ndjson = string.Join('\n', DemoProgramme.Lines(today));
        var report = await ingest.IngestAsync(new StringReader(ndjson), int.MaxValue, Caller.Service("demo"), stoppingToken);
        logger.LogInformation(
            "Demo data loaded: {Accepted} records applied, {Rejected} rejected in {Seconds:F1} s ({Rate:F0} records/s)",
            report.Accepted, report.Rejected, report.ElapsedSeconds, report.Accepted / Math.Max(report.ElapsedSeconds, 0.001));
        foreach (var error in report.Errors.Take(5))
        {
            logger.LogWarning("Demo line {Line} rejected (field {Field})", error.Line, error.Field);
            logger.LogDebug("Demo line {Line} rejected: {Error}", error.Line, error.Error); // may name a case
        }
    }
}
