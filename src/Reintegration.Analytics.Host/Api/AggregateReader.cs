using Microsoft.Extensions.Options;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Reference;

namespace Reintegration.Analytics.Host.Api;

/// <summary>Turns grain reports into read documents for "now", with the configured minimum cell size.</summary>
public sealed class AggregateReader(RegionMap regions, TimeProvider clock, IOptions<ApiOptions> options)
{
    private int MinimumCellSize => options.Value.MinimumCellSize;
    private DateTimeOffset Now => clock.GetUtcNow();
    private DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public CommunityAggregateDocument Community(CommunityReport report) =>
        LevelDocuments.Community(report, regions.RegionOf(report.Profile.Country), Today, Now, MinimumCellSize);

    public CountryAggregateDocument Country(CountryReport report) =>
        LevelDocuments.Country(report, regions.RegionOf(report.Country), Today, Now, MinimumCellSize);

    public RegionAggregateDocument Region(RegionReport report) => LevelDocuments.Region(report, Today, Now, MinimumCellSize);

    public GlobalAggregateDocument Global(GlobalReport report) => LevelDocuments.Global(report, Today, Now, MinimumCellSize);

    public CountryComparison Compare(IReadOnlyList<CountryReport> reports, string? by) =>
        CountryComparison.Build(reports, regions, by, Today, Now, MinimumCellSize);
}
