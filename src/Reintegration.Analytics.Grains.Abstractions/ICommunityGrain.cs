using Orleans.Concurrency;
using Orleans;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.FollowUp;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Returnees;

namespace Reintegration.Analytics.Grains;

/// <summary>A place of return (community level): keeps its returnees' contributions and reports to its country.</summary>
[Alias("ICommunityGrain")]
public interface ICommunityGrain : IGrainWithStringKey
{
    [Alias("PutProfile")] Task<WriteResult> PutProfile(CommunityProfile profile);
    [Alias("GetProfile")] Task<CommunityProfile?> GetProfile();
    [Alias("PutAssessment")] Task<WriteResult> PutAssessment(string assessmentId, CommunityAssessment assessment);

    /// <summary>Replaces the case's contribution unless an equal or newer version is already held.</summary>
    [Alias("Contribute")] Task Contribute(ReturneeContribution contribution);

    /// <summary>Removes a case that moved away (its contribution at or below <paramref name="version"/>).</summary>
    [Alias("Withdraw")] Task Withdraw(string caseId, long version);

    [Alias("GetReport")] Task<CommunityReport?> GetReport();

    /// <summary>
    /// Its first <paramref name="limit"/> cases with a follow-up status on a day, after a cursor (see <see cref="FollowUpCaseList"/>).
    /// </summary>
    [Alias("GetFollowUpCases")]
    Task<IReadOnlyList<FollowUpCase>> GetFollowUpCases(string status, DateOnly today, FollowUpCursor? after, int limit);

    /// <summary>Asks for a report to the country soon (used by a country rebuilding itself after activation).</summary>
    [OneWay, Alias("RequestReport")] Task RequestReport();

    /// <summary>Re-reads the members' contributions from the store and reports (after another silo died).</summary>
    [OneWay, Alias("Reload")] Task Reload();
}
