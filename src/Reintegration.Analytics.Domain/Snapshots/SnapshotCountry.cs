using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Records;

namespace Reintegration.Analytics.Domain.Snapshots;

/// <summary>
/// What a snapshot reads of one country at one moment: its communities' reports (the country's own copies, so
/// the country's totals are their sum) and its latest structural assessment.
/// </summary>
public sealed record SnapshotCountry(
    string Country,
    string Region,
    StructuralAssessment? Assessment,
    IReadOnlyList<CommunityReport> Communities);
