using Orleans.Concurrency;
using Orleans;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Records;

namespace Reintegration.Analytics.Grains;

/// <summary>A country (structural level): merges its communities' reports and reports to its region.</summary>
[Alias("ICountryGrain")]
public interface ICountryGrain : IGrainWithStringKey
{
    [Alias("ReportCommunity")] Task ReportCommunity(CommunityReport report);
    [Alias("PutAssessment")] Task<WriteResult> PutAssessment(string assessmentId, StructuralAssessment assessment);
    /// <summary>Asks for a report to the region soon (used by a region rebuilding itself after activation).</summary>
    [OneWay, Alias("RequestReport")] Task RequestReport();

    /// <summary>Has every community of the directory reload from the store and report (after another silo died).</summary>
    [OneWay, Alias("Resync")] Task Resync();

    [Alias("GetReport")] Task<CountryReport> GetReport();

    /// <summary>Its report and its communities' latest reports, in one call (what the live table and snapshots read).</summary>
    [Alias("GetFamily")] Task<CountryFamily> GetFamily();

    /// <summary>The ids of its communities that have reported (all of them once the report is complete).</summary>
    [Alias("GetCommunityIds")] Task<IReadOnlyList<string>> GetCommunityIds();
}
