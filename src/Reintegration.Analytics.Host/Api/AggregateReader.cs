using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Reference;

namespace Reintegration.Analytics.Host.Api;

/// <summary>
/// Turns the live table's protected reports into read documents. The table protects the figures (with the configured
/// minimum cell size) for the day it is asked about (<see cref="Today"/>), and each document is rendered for that day, with
/// <c>asOf</c> the moment the table read the figures.
/// </summary>
public sealed class AggregateReader(RegionMap regions, TimeProvider clock)
{
    private DateTimeOffset Now => clock.GetUtcNow();
    public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public CommunityAggregateDocument Community(ProtectedReport<CommunityReport> report) =>
        LevelDocuments.Community(report, regions.RegionOf(report.Report.Profile.Country), report.AsOf ?? Now);

    public CountryAggregateDocument Country(ProtectedReport<CountryReport> report) =>
        LevelDocuments.Country(report, regions.RegionOf(report.Report.Country), report.AsOf ?? Now);

    public RegionAggregateDocument Region(ProtectedReport<RegionReport> report) => LevelDocuments.Region(report, report.AsOf ?? Now);

    public GlobalAggregateDocument Global(ProtectedReport<GlobalReport> report) => LevelDocuments.Global(report, report.AsOf ?? Now);

    public CountryComparison Compare(IReadOnlyList<ProtectedReport<CountryReport>> reports, string? by) =>
        CountryComparison.Build(reports, regions, by, reports.Select(r => r.AsOf).Min() ?? Now);
}
