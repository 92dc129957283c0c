using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Grains.Tests;

/// <summary>Sends a <see cref="ProgrammeOperation"/> to the grain that owns it, as the HTTP layer does.</summary>
internal static class GrainWriter
{
    public static Task<WriteResult> Send(this IGrainFactory grains, ProgrammeOperation operation) => operation switch
    {
        RegisterCommunity c => grains.Community(c.CommunityId).PutProfile(c.Profile),
        PutReturnee r => grains.Returnee(r.CaseId).PutProfile(r.Profile),
        PutSurvey s => grains.Returnee(s.CaseId).PutSurvey(s.SurveyId, s.Survey),
        PutAssistance a => grains.Returnee(a.CaseId).PutAssistance(a.AssistanceId, a.Record),
        PutPlan p => grains.Returnee(p.CaseId).PutPlan(p.Plan),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };
}
