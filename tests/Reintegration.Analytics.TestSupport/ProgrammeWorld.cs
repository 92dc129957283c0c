using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Returnees;

namespace Reintegration.Analytics.TestSupport;

/// <summary>
/// The acknowledged raw data after a history of writes, kept naively (no contributions, no
/// summaries) with the service's acceptance rules: communities first, one country per community,
/// returnees only in registered communities of their own country, records only for registered cases
/// and never dated before the return, plans only in funnel order.
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
                if (RecordDates(r.CaseId).Any(d => d < r.Profile.ReturnDate)) return false; // records cannot predate the return
                Returnees[r.CaseId] = r.Profile;
                return true;
            case PutSurvey s when Returnees.TryGetValue(s.CaseId, out var profile) && s.Survey.Submission.Date >= profile.ReturnDate:
                Of(Surveys, s.CaseId)[s.SurveyId] = s.Survey;
                return true;
            case PutAssistance a when Returnees.TryGetValue(a.CaseId, out var profile) && a.Record.Date >= profile.ReturnDate:
                Of(Assistance, a.CaseId)[a.AssistanceId] = a.Record;
                return true;
            case PutPlan p when Returnees.ContainsKey(p.CaseId):
                var plan = Plans.GetValueOrDefault(p.CaseId) ?? PlanDates.Empty;
                var merged = new PlanDates(
                    p.Plan.Eligible ?? plan.Eligible, p.Plan.PlanDeveloped ?? plan.PlanDeveloped,
                    p.Plan.AssistanceStarted ?? plan.AssistanceStarted, p.Plan.AssistanceCompleted ?? plan.AssistanceCompleted,
                    p.Plan.DroppedOut ?? plan.DroppedOut);
                if (!FollowsFunnel(merged)) return false;
                Plans[p.CaseId] = merged;
                return true;
            default:
                return false;
        }
    }

    private IEnumerable<DateOnly> RecordDates(string caseId) =>
        (Surveys.GetValueOrDefault(caseId)?.Values.Select(s => s.Submission.Date) ?? [])
        .Concat(Assistance.GetValueOrDefault(caseId)?.Values.Select(a => a.Date) ?? []);

    /// <summary>SPEC §2.3: each status needs every earlier one dated on or before it; dropped out needs eligible.</summary>
    private static bool FollowsFunnel(PlanDates plan)
    {
        static bool Step(DateOnly? earlier, DateOnly? later) => later is null || (earlier is not null && earlier <= later);
        return Step(plan.Eligible, plan.PlanDeveloped) && Step(plan.PlanDeveloped, plan.AssistanceStarted)
            && Step(plan.AssistanceStarted, plan.AssistanceCompleted) && Step(plan.Eligible, plan.DroppedOut);
    }

    private static Dictionary<string, T> Of<T>(Dictionary<string, Dictionary<string, T>> byCase, string caseId)
    {
        if (!byCase.TryGetValue(caseId, out var records)) byCase[caseId] = records = [];
        return records;
    }
}
