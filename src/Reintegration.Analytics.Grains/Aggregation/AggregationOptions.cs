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
    /// The live table (every aggregate document, <c>/compare</c>, the metrics and the read model) reads its changed countries
    /// and protects the programme again at most this long after its last protection ended (or, if that one took longer to
    /// protect and publish, as long as that, so that a large programme under heavy ingest spends at most half a core on
    /// protection; reading the countries waits on them, not on a core). With the
    /// push delay it bounds how soon a write is visible (SPEC: within 2 seconds), plus the protection's own time.
    /// </summary>
    public TimeSpan ProtectionDelay { get; set; } = TimeSpan.FromMilliseconds(500);

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

    /// <summary>
    /// How long a community's activation stays in memory without calls. An active community holds one contribution per
    /// member (about 360 bytes: 365 MB of the 760 MB heap of an idle service with 1,000,000 returnees), which only writes
    /// and follow-up lists need; a community called again loads its members in one query. Orleans' default is 15 minutes.
    /// </summary>
    public TimeSpan CommunityIdleTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>What is wrong with these settings, naming the setting; null when they can work.</summary>
    public string? Problem() =>
        PushDelay < TimeSpan.Zero ? $"{Section}:PushDelay must not be negative (it is {PushDelay})"
        : ProtectionDelay < TimeSpan.Zero ? $"{Section}:ProtectionDelay must not be negative (it is {ProtectionDelay})"
        : ReturneeIdleTime <= TimeSpan.Zero ? $"{Section}:ReturneeIdleTime must be more than zero (it is {ReturneeIdleTime})"
        : CommunityIdleTime <= TimeSpan.Zero ? $"{Section}:CommunityIdleTime must be more than zero (it is {CommunityIdleTime})"
        : CheckpointEvery < 1 ? $"{Section}:CheckpointEvery must be at least 1 (it is {CheckpointEvery})"
        : null;
}
