using Orleans.Concurrency;
using Orleans;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Returnees;

namespace Reintegration.Analytics.Grains;

/// <summary>A returnee case (individual level), keyed by <c>returnee:{caseId}</c>; see <see cref="GrainKeys"/>.</summary>
[Alias("IReturneeGrain")]
public interface IReturneeGrain : IGrainWithStringKey
{
    [Alias("PutProfile")] Task<WriteResult> PutProfile(ReturneeProfile profile);
    [Alias("PutSurvey")] Task<WriteResult> PutSurvey(string surveyId, StoredSurvey survey);
    [Alias("PutAssistance")] Task<WriteResult> PutAssistance(string assistanceId, AssistanceRecord record);
    [Alias("PutPlan")] Task<WriteResult> PutPlan(PlanDates plan);

    /// <summary>
    /// Several changes of this case in order (a bulk import's consecutive lines about it), each with its result as if sent
    /// one by one, journaled in one append: one grain call, one commit wait and one delivery to the community for all.
    /// </summary>
    [Alias("PutAll")] Task<IReadOnlyList<WriteResult>> PutAll(IReadOnlyList<ReturneeChange> changes);
    /// <summary>The country the case is registered in; null when it is not registered.</summary>
    [ReadOnly, Alias("GetCountry")] Task<string?> GetCountry();

    /// <summary>The case as of <paramref name="today"/> (its follow-up status depends on the day).</summary>
    [Alias("GetOn")] Task<ReturneeView?> Get(DateOnly today);

    /// <summary>Derives and stores the contribution again under the current rules (asked by a community that loaded a stale row).</summary>
    [OneWay, Alias("RefreshContribution")] Task RefreshContribution();
}
