using Reintegration.Analytics.Domain.FollowUp;
using Reintegration.Analytics.Domain.Returnees;

namespace Reintegration.Analytics.Domain.Aggregation;

/// <summary>Builds the read document of each level from what its grain reports.</summary>
public static class LevelDocuments
{
    /// <summary>
    /// The community table of a country: every community's document, protected against the country's document
    /// (SPEC §4: a unit against its parent and shown siblings). Every figure adds up from communities to the
    /// country, so when the country shows a figure that exactly one community hides, or hides a figure that every
    /// community shows, the smallest other community that has it hides it too; a community's own document is then
    /// protected again, until nothing changes. Single community reads and the read model use these documents.
    /// </summary>
    public static IReadOnlyList<CommunityAggregateDocument> CommunityTable(
        CountryReport country, IReadOnlyList<CommunityReport> communities, string region, DateOnly today, DateTimeOffset asOf,
        int minimumCellSize)
    {
        var countryCells = new CellSuppression(minimumCellSize);
        Country(country, region, today, asOf, countryCells);
        var forced = communities.ToDictionary(c => c.CommunityId, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        while (true)
        {
            var built = communities.Select(c =>
            {
                var cells = new CellSuppression(minimumCellSize, forced[c.CommunityId]);
                return (Id: c.CommunityId, Document: Community(c, region, today, asOf, cells), Cells: cells);
            }).ToList();
            var changed = false;
            foreach (var (key, total) in countryCells.Cells)
            {
                var parts = built.Select(b => (b.Id, Cell: b.Cells.Cells.GetValueOrDefault(key))).Where(p => p.Cell is { N: > 0 }).ToList();
                var hidden = parts.Count(p => p.Cell!.Hidden);
                if (!(total.Hidden ? total.N > 0 && hidden == 0 : hidden == 1)) continue;
                var candidates = parts.Where(p => !p.Cell!.Hidden).ToList();
                if (candidates.Count == 0) continue;
                forced[candidates.MinBy(p => p.Cell!.N).Id].Add(key);
                changed = true;
            }
            if (!changed) return built.Select(b => b.Document).ToList();
        }
    }

    public static CommunityAggregateDocument Community(
        CommunityReport report, string region, DateOnly today, DateTimeOffset asOf, int minimumCellSize) =>
        Community(report, region, today, asOf, new CellSuppression(minimumCellSize));

    private static CommunityAggregateDocument Community(
        CommunityReport report, string region, DateOnly today, DateTimeOffset asOf, CellSuppression cells)
    {
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
            ReturnPressure = assessment is { Population: > 0 } && cells.Shown(cells.Cell("recentReturns", recent))
                ? recent * 1000.0 / assessment.Population
                : null,
            Assessment = report.AssessmentId is { } id && assessment is not null ? new LatestAssessment(id, assessment.Date) : null,
            Suppressed = cells.AnySuppressed,
        };
    }

    public static CountryAggregateDocument Country(
        CountryReport report, string region, DateOnly today, DateTimeOffset asOf, int minimumCellSize) =>
        Country(report, region, today, asOf, new CellSuppression(minimumCellSize));

    private static CountryAggregateDocument Country(
        CountryReport report, string region, DateOnly today, DateTimeOffset asOf, CellSuppression cells)
    {
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
