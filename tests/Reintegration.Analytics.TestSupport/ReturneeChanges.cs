using Reintegration.Analytics.Domain.Returnees;

namespace Reintegration.Analytics.TestSupport;

/// <summary>The returnee change a <see cref="ProgrammeOperation"/> makes (null for a community registration).</summary>
public static class ReturneeChanges
{
    public static (string CaseId, ReturneeChange Change)? Of(ProgrammeOperation operation) => operation switch
    {
        PutReturnee r => (r.CaseId, new ProfileChange(r.Profile)),
        PutSurvey s => (s.CaseId, new SurveyChange(s.SurveyId, s.Survey)),
        PutAssistance a => (a.CaseId, new AssistanceChange(a.AssistanceId, a.Record)),
        PutPlan p => (p.CaseId, new PlanChange(p.Plan)),
        _ => null,
    };
}
