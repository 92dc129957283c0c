using Reintegration.Analytics.Domain.Aggregation;

namespace Reintegration.Analytics.Grains.Tests;

/// <summary>The region and global reports as the live table holds them (for today), for tests that check their figures.</summary>
internal static class LiveReports
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static async Task<GlobalReport> GlobalReport(this IGrainFactory grains) => (await grains.LiveTable().GetGlobal(Today)).Report;

    public static async Task<RegionReport> RegionReport(this IGrainFactory grains, string region) =>
        (await grains.LiveTable().GetRegion(region, Today)).Report;
}
