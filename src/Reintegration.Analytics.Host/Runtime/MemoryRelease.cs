using Microsoft.Extensions.Options;
using Reintegration.Analytics.Grains.Aggregation;

namespace Reintegration.Analytics.Host.Runtime;

/// <summary>
/// Keeps the heap near what is live around bulk imports (issue 10: at most 3 GiB resident during an import of 1,000,000
/// returnees, 1 GiB once idle). The server GC keeps the heap it grew, lets collected returnee activations pile up in the
/// oldest generation during an import, and an idle process allocates too little to trigger the full collection that
/// would free them. So when <see cref="MemoryReleasePolicy"/> says so, one aggressive, compacting collection frees that
/// memory and gives it back to the operating system.
/// </summary>
public sealed class MemoryRelease(
    IOptions<AggregationOptions> aggregation, IOptions<MemoryOptions> memory, ILogger<MemoryRelease> logger) : BackgroundService
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var policy = MemoryReleasePolicy.For(
            aggregation.Value.ReturneeIdleTime, aggregation.Value.CommunityIdleTime, memory.Value.GcCeilingMiB << 20);
        var live = GC.GetGCMemoryInfo().TotalCommittedBytes;
        var allocated = GC.GetTotalAllocatedBytes();
        var (quietSince, last) = (DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
        using var timer = new PeriodicTimer(CheckEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = DateTimeOffset.UtcNow;
            var allocatedNow = GC.GetTotalAllocatedBytes();
            if (allocatedNow - allocated >= policy.QuietBytesPerCheck) quietSince = now;
            allocated = allocatedNow;
            var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
            if (!policy.ShouldCollect(now - quietSince, now - last, committed, live)) continue;

            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            (live, last) = (GC.GetGCMemoryInfo().TotalCommittedBytes, DateTimeOffset.UtcNow);
            logger.LogInformation("Collected the heap: {Before:N0} MiB committed before, {After:N0} MiB after",
                committed >> 20, live >> 20);
        }
    }
}
