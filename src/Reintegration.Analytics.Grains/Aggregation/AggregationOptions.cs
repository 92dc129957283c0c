namespace Reintegration.Analytics.Grains.Aggregation;

/// <summary>How aggregating grains coalesce their reports upward (configuration section <c>Aggregation</c>).</summary>
public sealed class AggregationOptions
{
    public const string Section = "Aggregation";

    /// <summary>
    /// A changed community, country or region reports to its parent at most this long after the
    /// change, carrying every change made meanwhile. Three levels of it stay well within the
    /// SPEC's 2-second visibility bound.
    /// </summary>
    public TimeSpan PushDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// A returnee checkpoints its state through grain storage after this many journaled changes
    /// (and when it deactivates); fewer checkpoints mean fewer writes, more replay on activation.
    /// </summary>
    public int CheckpointEvery { get; set; } = 16;
}
