namespace Reintegration.Analytics.Domain.Indicators;

/// <summary>
/// One indicator of the codebook (<c>GET /api/v1/indicators</c>): its stable code (used by snapshots and
/// exports), what it means in SPEC §2.4's words, its unit, its formula, the levels it exists at, and whether it
/// is disaggregated by sex, age band and return type.
/// </summary>
public sealed record Indicator(
    string Code,
    string Name,
    string Definition,
    string Unit,
    string Formula,
    IReadOnlyList<string> Levels,
    bool Disaggregated);
