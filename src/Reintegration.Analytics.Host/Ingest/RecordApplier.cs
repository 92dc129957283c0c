using Reintegration.Analytics.Grains;

namespace Reintegration.Analytics.Host.Ingest;

/// <summary>Applies one validated record to its grain; the single write path of PUTs, NDJSON ingest and the demo.</summary>
public sealed class RecordApplier(IGrainFactory grains)
{
    public Task<WriteResult> ApplyAsync(IngestRecord record) => record switch
    {
        CommunityWrite c => grains.Community(c.CommunityId).PutProfile(c.Profile),
        ReturneeWrite r => grains.Returnee(r.CaseId).PutProfile(r.Profile),
        SurveyWrite s => grains.Returnee(s.CaseId).PutSurvey(s.SurveyId, s.Survey),
        AssistanceWrite a => grains.Returnee(a.CaseId).PutAssistance(a.AssistanceId, a.Record),
        PlanWrite p => grains.Returnee(p.CaseId).PutPlan(p.Plan),
        CommunityAssessmentWrite ca => grains.Community(ca.CommunityId).PutAssessment(ca.AssessmentId, ca.Assessment),
        StructuralAssessmentWrite sa => grains.Country(sa.Country).PutAssessment(sa.AssessmentId, sa.Assessment),
        _ => throw new ArgumentOutOfRangeException(nameof(record), record.GetType().Name, "unknown record type"),
    };
}
