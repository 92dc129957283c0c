using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Reference;

namespace Reintegration.Analytics.Host.Api;

/// <summary>
/// Turns grains' protected reports into read documents for "now". The grains protect their figures (with the configured
/// minimum cell size) for the day they are asked about (<see cref="Today"/>), and each document is rendered for that day.
/// </summary>
public sealed class AggregateReader(RegionMap regions, TimeProvider clock)
{
    private DateTimeOffset Now => clock.GetUtcNow();
    public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public CommunityAggregateDocument Community(ProtectedReport<CommunityReport> report) =>
        LevelDocuments.Community(report, regions.RegionOf(report.Report.Profile.Country), Now);

    public CountryAggregateDocument Country(ProtectedReport<CountryReport> report) =>
        LevelDocuments.Country(report, regions.RegionOf(report.Report.Country), Now);

    public RegionAggregateDocument Region(ProtectedReport<RegionReport> report) => LevelDocuments.Region(report, Now);

    public GlobalAggregateDocument Global(ProtectedReport<GlobalReport> report) => LevelDocuments.Global(report, Now);

    public CountryComparison Compare(IReadOnlyList<ProtectedReport<CountryReport>> reports, string? by) =>
        CountryComparison.Build(reports, regions, by, Now);
}
