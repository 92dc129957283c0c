using Reintegration.Analytics.Domain.Disclosure;
using Reintegration.Analytics.Domain.Indicators;
using Reintegration.Analytics.Domain.Snapshots;

namespace Reintegration.Analytics.Domain.Aggregation;

/// <summary>
/// Builds the read document of each level from what its grain reports. Each document is rendered from the unit's cells
/// (<see cref="UnitCells"/>), protected by the routine that protects snapshot tables: the grain protects them once per change
/// and per day (<see cref="Protect(string, string, AggregateSummary, DateOnly, int, CommunityReport?)"/>), and every output
/// renders the figures with the cells it hid.
/// </summary>
public static class LevelDocuments
{
    /// <summary>
    /// The cells protection hides in a unit's figures, the unit protected as a table of its own (the root of its family, with
    /// no children). Grains call this once per change of their figures and per day, and hand the result out with their report.
    /// </summary>
    public static HiddenCells Protect(string level, string code, AggregateSummary summary, DateOnly today, int minimumCellSize,
        CommunityReport? community = null)
    {
        var unit = new UnitCells(level, code, code, null, null, minimumCellSize);
        unit.AddFigures(summary, today, disaggregated: level != IndicatorCodebook.Community);
        if (community is not null) unit.AddCommunityIndices(community, today);
        TopDownProtection.ProtectFamily(unit, [], root: true);
        return unit.Hidden();
    }

    public static HiddenCells Protect(CommunityReport report, DateOnly today, int minimumCellSize) =>
        Protect(IndicatorCodebook.Community, report.CommunityId, report.Summary, today, minimumCellSize, report);

    public static HiddenCells Protect(CountryReport report, DateOnly today, int minimumCellSize) =>
        Protect(IndicatorCodebook.Country, report.Country, report.Summary, today, minimumCellSize);

    public static HiddenCells Protect(RegionReport report, DateOnly today, int minimumCellSize) =>
        Protect(IndicatorCodebook.Region, report.Region, report.Summary, today, minimumCellSize);

    public static HiddenCells Protect(GlobalReport report, DateOnly today, int minimumCellSize) =>
        Protect(IndicatorCodebook.Global, SnapshotTable.GlobalCode, report.Summary, today, minimumCellSize);

    public static CommunityAggregateDocument Community(
        ProtectedReport<CommunityReport> @protected, string region, DateTimeOffset asOf)
    {
        var (report, hidden, today) = @protected;
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
        var (report, hidden, today) = @protected;
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
        var (report, hidden, today) = @protected;
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
        var (report, hidden, today) = @protected;
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
