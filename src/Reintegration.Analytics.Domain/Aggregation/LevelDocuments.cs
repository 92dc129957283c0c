using Reintegration.Analytics.Domain.FollowUp;
using Reintegration.Analytics.Domain.Returnees;

namespace Reintegration.Analytics.Domain.Aggregation;

/// <summary>Builds the read document of each level from what its grain reports.</summary>
public static class LevelDocuments
{
    public static CommunityAggregateDocument Community(CommunityReport report, string region, DateOnly today, DateTimeOffset asOf, int minimumCellSize)
    {
        var cells = new CellSuppression(minimumCellSize);
        var figures = AggregateDocumentBuilder.Figures(report.Summary, today, asOf, cells);
        var assessment = report.Assessment;
        var recent = report.Summary.All.RecentReturnsOn(today);
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
            ReturnPressure = assessment is { Population: > 0 } && !cells.Hides(recent)
                ? recent * 1000.0 / assessment.Population
                : null,
            Assessment = report.AssessmentId is { } id && assessment is not null ? new LatestAssessment(id, assessment.Date) : null,
            Suppressed = cells.AnySuppressed,
        };
    }

    public static CountryAggregateDocument Country(CountryReport report, string region, DateOnly today, DateTimeOffset asOf, int minimumCellSize)
    {
        var cells = new CellSuppression(minimumCellSize);
        var figures = AggregateDocumentBuilder.Figures(report.Summary, today, asOf, cells);
        var disaggregations = AggregateDocumentBuilder.Disaggregations(report.Summary, cells);
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

    public static RegionAggregateDocument Region(RegionReport report, DateOnly today, DateTimeOffset asOf, int minimumCellSize)
    {
        var cells = new CellSuppression(minimumCellSize);
        var figures = AggregateDocumentBuilder.Figures(report.Summary, today, asOf, cells);
        var disaggregations = AggregateDocumentBuilder.Disaggregations(report.Summary, cells);
        return new RegionAggregateDocument(figures)
        {
            Region = report.Region,
            Countries = report.Countries,
            Disaggregations = disaggregations,
            Suppressed = cells.AnySuppressed,
            Complete = report.Pending == 0,
        };
    }

    public static GlobalAggregateDocument Global(GlobalReport report, DateOnly today, DateTimeOffset asOf, int minimumCellSize)
    {
        var cells = new CellSuppression(minimumCellSize);
        var figures = AggregateDocumentBuilder.Figures(report.Summary, today, asOf, cells);
        var disaggregations = AggregateDocumentBuilder.Disaggregations(report.Summary, cells);
        return new GlobalAggregateDocument(figures)
        {
            Regions = report.Regions,
            Disaggregations = disaggregations,
            Suppressed = cells.AnySuppressed,
            Complete = report.Pending == 0,
        };
    }
}
