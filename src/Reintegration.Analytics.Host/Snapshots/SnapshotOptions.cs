namespace Reintegration.Analytics.Host.Snapshots;

/// <summary>Snapshot settings (configuration section <c>Snapshots</c>).</summary>
public sealed class SnapshotOptions
{
    public const string Section = "Snapshots";

    /// <summary>A build that takes longer is cancelled and the snapshot marked failed.</summary>
    public TimeSpan BuildTimeout { get; set; } = TimeSpan.FromMinutes(30);
}
