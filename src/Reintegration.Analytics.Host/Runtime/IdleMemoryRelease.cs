using Microsoft.Extensions.Options;
using Reintegration.Analytics.Grains.Aggregation;

namespace Reintegration.Analytics.Host.Runtime;

/// <summary>
/// Gives memory back after a bulk import. The server GC keeps the heap it grew during an import, and an idle process
/// allocates too little to trigger the full collection that would free the collected returnee activations; so once the
/// service has been quiet long enough (<see cref="MemoryReleasePolicy"/>), one aggressive, compacting collection
/// releases that memory to the operating system (issue 10: at most 1 GiB resident once idle).
/// </summary>
public sealed class IdleMemoryRelease(IOptions<AggregationOptions> aggregation, ILogger<IdleMemoryRelease> logger) : BackgroundService
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var policy = MemoryReleasePolicy.For(aggregation.Value.ReturneeIdleTime);
        var baseline = GC.GetGCMemoryInfo().TotalCommittedBytes;
        var allocated = GC.GetTotalAllocatedBytes();
        var quietSince = DateTimeOffset.UtcNow;
        using var timer = new PeriodicTimer(CheckEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = DateTimeOffset.UtcNow;
            var allocatedNow = GC.GetTotalAllocatedBytes();
            if (allocatedNow - allocated >= policy.QuietBytesPerCheck) quietSince = now;
            allocated = allocatedNow;
            var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
            if (!policy.ShouldRelease(now - quietSince, committed, baseline)) continue;

            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            baseline = GC.GetGCMemoryInfo().TotalCommittedBytes;
            allocated = GC.GetTotalAllocatedBytes();
            logger.LogInformation(
                "Quiet after a busy period: released {Released:N0} MiB to the operating system ({Committed:N0} MiB committed)",
                (committed - baseline) >> 20, baseline >> 20);
        }
    }
}
