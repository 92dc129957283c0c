using Reintegration.Analytics.Domain.Access;
using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Grains;

namespace Reintegration.Analytics.Host.Ingest;

/// <summary>
/// Applies one validated record to its grain; the single write path of PUTs, NDJSON and CSV ingest. A scoped caller
/// writes inside its countries only (SPEC §4): a record naming another country is forbidden, and a record about a case
/// or community of another country is answered as if that id were unknown, so that its existence is not revealed.
/// </summary>
public sealed class RecordApplier(IGrainFactory grains, RegionMap regions)
{
    public async Task<WriteResult> ApplyAsync(IngestRecord record, Caller caller)
    {
        if (!caller.Scope.Everything && await RefusalAsync(record, caller.Scope) is { } refusal) return refusal;
        return await (record switch
        {
            CommunityWrite c => grains.Community(c.CommunityId).PutProfile(c.Profile),
            ReturneeWrite r => grains.Returnee(r.CaseId).PutProfile(r.Profile),
            SurveyWrite s => grains.Returnee(s.CaseId).PutSurvey(s.SurveyId, s.Survey),
            AssistanceWrite a => grains.Returnee(a.CaseId).PutAssistance(a.AssistanceId, a.Record),
            PlanWrite p => grains.Returnee(p.CaseId).PutPlan(p.Plan),
            CommunityAssessmentWrite ca => grains.Community(ca.CommunityId).PutAssessment(ca.AssessmentId, ca.Assessment),
            StructuralAssessmentWrite sa => grains.Country(sa.Country).PutAssessment(sa.AssessmentId, sa.Assessment),
            _ => throw new ArgumentOutOfRangeException(nameof(record), record.GetType().Name, "unknown record type"),
        });
    }

    private async Task<WriteResult?> RefusalAsync(IngestRecord record, AccessScope scope)
    {
        bool Covers(string? country) => country is not null && scope.CoversCountry(country, regions);
        async Task<string?> CaseCountry(string caseId) => await grains.Returnee(caseId).GetCountry();
        async Task<WriteResult?> CaseOutside(string caseId) =>
            await CaseCountry(caseId) is { } country && !Covers(country) ? WriteResult.CaseNotRegistered(caseId) : null;
        async Task<string?> CommunityCountry(string communityId) => (await grains.Community(communityId).GetProfile())?.Country;

        switch (record)
        {
            case CommunityWrite c:
                if (!Covers(c.Profile.Country)) return OutsideScope("country", c.Profile.Country);
                return await CommunityCountry(c.CommunityId) is { } stored && !Covers(stored)
                    ? WriteResult.Conflict("communityId", $"community '{c.CommunityId}' is already in use")
                    : null;
            case ReturneeWrite r:
                if (!Covers(r.Profile.Country)) return OutsideScope("country", r.Profile.Country);
                if (await CaseCountry(r.CaseId) is { } registered && !Covers(registered))
                    return WriteResult.Conflict("caseId", $"returnee '{r.CaseId}' is already in use");
                return await CommunityCountry(r.Profile.CommunityId) is { } place && !Covers(place)
                    ? WriteResult.UnknownCommunity(r.Profile.CommunityId)
                    : null;
            case SurveyWrite s:
                return await CaseOutside(s.CaseId);
            case AssistanceWrite a:
                return await CaseOutside(a.CaseId);
            case PlanWrite p:
                return await CaseOutside(p.CaseId);
            case CommunityAssessmentWrite ca:
                return await CommunityCountry(ca.CommunityId) is { } at && !Covers(at)
                    ? WriteResult.CommunityNotRegistered(ca.CommunityId)
                    : null;
            case StructuralAssessmentWrite sa:
                return Covers(sa.Country) ? null : OutsideScope("country", sa.Country);
            default:
                return null;
        }
    }

    private static WriteResult OutsideScope(string field, string country) =>
        WriteResult.Forbidden(field, $"'{country}' is outside this caller's scope");
}
