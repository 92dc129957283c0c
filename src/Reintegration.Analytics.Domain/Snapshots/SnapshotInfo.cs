namespace Reintegration.Analytics.Domain.Snapshots;

/// <summary>What is known of a snapshot besides its rows: who asked for what, when it was taken, and how its build went.</summary>
public sealed record SnapshotInfo(
    string Id,
    string? Label,
    string Scope,
    string Status,
    DateTimeOffset TakenAt,
    DateTimeOffset? CompletedAt,
    int MinimumCellSize,
    string Instrument,
    long? Rows,
    string? Error)
{
    public const string Building = "building";
    public const string Ready = "ready";
    public const string Failed = "failed";
}
