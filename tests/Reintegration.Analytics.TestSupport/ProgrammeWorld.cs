using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Returnees;

namespace Reintegration.Analytics.TestSupport;

/// <summary>
/// The acknowledged raw data after a history of writes, kept naively (no contributions, no
/// summaries) with the service's acceptance rules: communities first, one country per community,
/// returnees only in registered communities of their own country, records only for registered cases.
/// </summary>
public sealed class ProgrammeWorld
{
    public Dictionary<string, CommunityProfile> Communities { get; } = [];
    public Dictionary<string, ReturneeProfile> Returnees { get; } = [];
    public Dictionary<string, Dictionary<string, StoredSurvey>> Surveys { get; } = [];
    public Dictionary<string, Dictionary<string, AssistanceRecord>> Assistance { get; } = [];
    public Dictionary<string, PlanDates> Plans { get; } = [];

    /// <summary>Applies a write; false when the service would reject it.</summary>
    public bool Apply(ProgrammeOperation operation)
    {
        switch (operation)
        {
            case RegisterCommunity c:
                if (Communities.TryGetValue(c.CommunityId, out var existing) && existing.Country != c.Profile.Country) return false;
                Communities[c.CommunityId] = c.Profile;
                return true;
            case PutReturnee r:
                if (!Communities.TryGetValue(r.Profile.CommunityId, out var community) || community.Country != r.Profile.Country) return false;
                Returnees[r.CaseId] = r.Profile;
                return true;
            case PutSurvey s when Returnees.ContainsKey(s.CaseId):
                Of(Surveys, s.CaseId)[s.SurveyId] = s.Survey;
                return true;
            case PutAssistance a when Returnees.ContainsKey(a.CaseId):
                Of(Assistance, a.CaseId)[a.AssistanceId] = a.Record;
                return true;
            case PutPlan p when Returnees.ContainsKey(p.CaseId):
                var plan = Plans.GetValueOrDefault(p.CaseId) ?? PlanDates.Empty;
                Plans[p.CaseId] = new PlanDates(
                    p.Plan.Eligible ?? plan.Eligible, p.Plan.PlanDeveloped ?? plan.PlanDeveloped,
                    p.Plan.AssistanceStarted ?? plan.AssistanceStarted, p.Plan.AssistanceCompleted ?? plan.AssistanceCompleted,
                    p.Plan.DroppedOut ?? plan.DroppedOut);
                return true;
            default:
                return false;
        }
    }

    private static Dictionary<string, T> Of<T>(Dictionary<string, Dictionary<string, T>> byCase, string caseId)
    {
        if (!byCase.TryGetValue(caseId, out var records)) byCase[caseId] = records = [];
        return records;
    }
}
