namespace Reintegration.Analytics.Domain.Snapshots;

/// <summary>
/// One row of a snapshot's tidy table: a unit (community, country, region or the globe) × an indicator of the
/// codebook × a group (<see cref="SnapshotGroups"/>). For a mean, <see cref="Numerator"/> is the sum and
/// <see cref="Denominator"/> the n; for a share, its two counts; for a count, both are null. <see cref="N"/> is the
/// number of returnees the figure is over. A suppressed row has every figure null; "no data" is a row whose
/// value is null and which is not suppressed.
/// </summary>
public sealed record SnapshotRow(
    string Level,
    string UnitCode,
    string UnitName,
    string? Country,
    string? Region,
    string Indicator,
    string Group,
    double? Value,
    double? Numerator,
    double? Denominator,
    long? N,
    bool Suppressed);
