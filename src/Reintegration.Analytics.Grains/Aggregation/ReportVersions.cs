namespace Reintegration.Analytics.Grains.Aggregation;

/// <summary>
/// Versions for upward reports: strictly increasing per sender and based on the clock, so a sender
/// that lost its last version (restart, failover) still outranks what it sent before.
/// </summary>
internal static class ReportVersions
{
    public static long Next(long previous) => Math.Max(previous + 1, DateTime.UtcNow.Ticks);
}
