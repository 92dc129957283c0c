using Reintegration.Analytics.Domain.Snapshots;

namespace Reintegration.Analytics.Domain.Aggregation;

/// <summary>
/// Builds the read document of each level from a unit's report and the cells protection hid in it. The cells come from the
/// live table (<see cref="ProtectedProgramme"/>, the routine that protects snapshot tables), so every document, <c>/compare</c>
/// row, metric and read model row renders one decision for the whole programme.
/// </summary>
public static class LevelDocuments
{
    public static CommunityAggregateDocument Community(
        ProtectedReport<CommunityReport> @protected, string region, DateTimeOffset asOf)
    {
        var (report, hidden, today, _) = @protected;
        var cells = new CellFigures(hidden, report.Summary, today);
        var figures = cells.Figures(asOf);
        var assessment = report.Assessment;
        var recent = report.Summary.All.RecentReturnsOn(today);
        var pressureShown = !hidden.Contains("recent_returns", SnapshotGroups.Total);
        return new CommunityAggregateDocument(figures)
        {
            CommunityId = report.CommunityId,
            Name = report.Profile.Name,
            Admin1 = report.Profile.Admin1,
            Latitude = report.Profile.Latitude,
            Longitude = report.Profile.Longitude,
            Country = report.Profile.Country,
            Region = region,
            ServicesIndex = assessment?.ServicesIndex,
            CohesionIndex = assessment?.CohesionIndex,
            JointParticipationShare = assessment?.JointParticipationShare,
            Population = assessment?.Population,
            ReturnPressure = assessment is { Population: > 0 } && pressureShown ? recent * 1000.0 / assessment.Population : null,
            Assessment = report.AssessmentId is { } id && assessment is not null ? new LatestAssessment(id, assessment.Date) : null,
            Suppressed = cells.AnySuppressed || !pressureShown && assessment is { Population: > 0 },
        };
    }

    public static CountryAggregateDocument Country(
        ProtectedReport<CountryReport> @protected, string region, DateTimeOffset asOf)
    {
        var (report, hidden, today, _) = @protected;
        var cells = new CellFigures(hidden, report.Summary, today);
        var figures = cells.Figures(asOf);
        var disaggregations = cells.Disaggregations();
        return new CountryAggregateDocument(figures)
        {
            Country = report.Country,
            Region = region,
            Communities = report.Communities,
            StructuralIndex = report.Assessment?.StructuralIndex,
            StructuralAssessment = report.AssessmentId is { } id && report.Assessment is { } a ? new LatestAssessment(id, a.Date) : null,
            Disaggregations = disaggregations,
            Suppressed = cells.AnySuppressed,
            Complete = report.Pending == 0,
        };
    }

    public static RegionAggregateDocument Region(ProtectedReport<RegionReport> @protected, DateTimeOffset asOf)
    {
        var (report, hidden, today, _) = @protected;
        var cells = new CellFigures(hidden, report.Summary, today);
        var figures = cells.Figures(asOf);
        var disaggregations = cells.Disaggregations();
        return new RegionAggregateDocument(figures)
        {
            Region = report.Region,
            Countries = report.Countries,
            Disaggregations = disaggregations,
            Suppressed = cells.AnySuppressed,
            Complete = report.Pending == 0,
        };
    }

    public static GlobalAggregateDocument Global(ProtectedReport<GlobalReport> @protected, DateTimeOffset asOf)
    {
        var (report, hidden, today, _) = @protected;
        var cells = new CellFigures(hidden, report.Summary, today);
        var figures = cells.Figures(asOf);
        var disaggregations = cells.Disaggregations();
        return new GlobalAggregateDocument(figures)
        {
            Regions = report.Regions,
            Disaggregations = disaggregations,
            Suppressed = cells.AnySuppressed,
            Complete = report.Pending == 0,
        };
    }
}
