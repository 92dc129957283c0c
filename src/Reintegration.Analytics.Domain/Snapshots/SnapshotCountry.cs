using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Records;

namespace Reintegration.Analytics.Domain.Snapshots;

/// <summary>
/// What a snapshot (or the live table) reads of one country at one moment: its communities' reports (the country's own
/// copies, so the country's totals are their sum) and its latest structural assessment. <see cref="Pending"/> counts the
/// communities still to report after a restart (the figures are complete at 0).
/// </summary>
public sealed record SnapshotCountry(
    string Country,
    string Region,
    StructuralAssessment? Assessment,
    IReadOnlyList<CommunityReport> Communities,
    string? AssessmentId = null,
    int Pending = 0);
