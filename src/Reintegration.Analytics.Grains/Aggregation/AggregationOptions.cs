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
    /// A country hands its changed read-model rows to the write-behind at most this often. Each row is rendered from the
    /// unit's protected cells, and protecting every changed community on every push cost a quarter of the host's CPU
    /// during a bulk import; the read model is written once a second anyway.
    /// </summary>
    public TimeSpan ReadModelDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A returnee checkpoints its state through grain storage after this many journaled changes; fewer checkpoints mean
    /// fewer writes, more replay on activation. Deactivation writes none: the journal tail it leaves is shorter than this.
    /// </summary>
    public int CheckpointEvery { get; set; } = 16;

    /// <summary>
    /// How long a returnee's activation stays in memory without calls. A bulk import touches each case once or a few times
    /// in a row, so Orleans' default (15 minutes) would keep every case of a large import in memory; a case called again
    /// later is activated from its checkpoint and journal tail (read in batches).
    /// </summary>
    public TimeSpan ReturneeIdleTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>What is wrong with these settings, naming the setting; null when they can work.</summary>
    public string? Problem() =>
        PushDelay < TimeSpan.Zero ? $"{Section}:PushDelay must not be negative (it is {PushDelay})"
        : ReadModelDelay < TimeSpan.Zero ? $"{Section}:ReadModelDelay must not be negative (it is {ReadModelDelay})"
        : ReturneeIdleTime <= TimeSpan.Zero ? $"{Section}:ReturneeIdleTime must be more than zero (it is {ReturneeIdleTime})"
        : CheckpointEvery < 1 ? $"{Section}:CheckpointEvery must be at least 1 (it is {CheckpointEvery})"
        : null;
}
