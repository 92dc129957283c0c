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
        if (record is ReturneeRecord about) return (await ApplyToCaseAsync([about], caller))[0];
        if (!caller.Scope.Everything && await RefusalAsync(record, caller.Scope) is { } refusal) return refusal;
        return await (record switch
        {
            CommunityWrite c => grains.Community(c.CommunityId).PutProfile(c.Profile),
            CommunityAssessmentWrite ca => grains.Community(ca.CommunityId).PutAssessment(ca.AssessmentId, ca.Assessment),
            StructuralAssessmentWrite sa => grains.Country(sa.Country).PutAssessment(sa.AssessmentId, sa.Assessment),
            _ => throw new ArgumentOutOfRangeException(nameof(record), record.GetType().Name, "unknown record type"),
        });
    }

    /// <summary>
    /// Records about one case, in line order, in one call to its grain; each gets the result it would get alone. A scoped
    /// caller's refusals are decided on the case as it was before them: a registration a scoped caller may make only ever
    /// leaves the case inside its scope, so the later records would be judged alike one by one.
    /// </summary>
    public async Task<IReadOnlyList<WriteResult>> ApplyToCaseAsync(IReadOnlyList<ReturneeRecord> records, Caller caller)
    {
        var caseId = records[0].CaseId;
        if (records.Any(r => r.CaseId != caseId)) throw new ArgumentException("the records must be about one case", nameof(records));
        var results = new WriteResult?[records.Count];
        if (!caller.Scope.Everything)
        {
            var registered = await grains.Returnee(caseId).GetCountry();
            for (var i = 0; i < records.Count; i++) results[i] = await CaseRefusalAsync(records[i], registered, caller.Scope);
        }
        var allowed = Enumerable.Range(0, records.Count).Where(i => results[i] is null).ToList();
        if (allowed.Count > 0)
        {
            var applied = await grains.Returnee(caseId).PutAll(allowed.Select(i => records[i].Change).ToList());
            for (var j = 0; j < allowed.Count; j++) results[allowed[j]] = applied[j];
        }
        return results.Select(r => r!).ToList();
    }

    private async Task<WriteResult?> CaseRefusalAsync(ReturneeRecord record, string? registered, AccessScope scope)
    {
        bool Covers(string? country) => country is not null && scope.CoversCountry(country, regions);
        if (record is not ReturneeWrite r)
            return registered is not null && !Covers(registered) ? WriteResult.CaseNotRegistered(record.CaseId) : null;
        if (!Covers(r.Profile.Country)) return OutsideScope("country", r.Profile.Country);
        if (registered is not null && !Covers(registered))
            return WriteResult.Conflict("caseId", $"returnee '{r.CaseId}' is already in use");
        return await CommunityCountryAsync(r.Profile.CommunityId) is { } place && !Covers(place)
            ? WriteResult.UnknownCommunity(r.Profile.CommunityId)
            : null;
    }

    private async Task<WriteResult?> RefusalAsync(IngestRecord record, AccessScope scope)
    {
        bool Covers(string? country) => country is not null && scope.CoversCountry(country, regions);
        switch (record)
        {
            case CommunityWrite c:
                if (!Covers(c.Profile.Country)) return OutsideScope("country", c.Profile.Country);
                return await CommunityCountryAsync(c.CommunityId) is { } stored && !Covers(stored)
                    ? WriteResult.Conflict("communityId", $"community '{c.CommunityId}' is already in use")
                    : null;
            case CommunityAssessmentWrite ca:
                return await CommunityCountryAsync(ca.CommunityId) is { } at && !Covers(at)
                    ? WriteResult.CommunityNotRegistered(ca.CommunityId)
                    : null;
            case StructuralAssessmentWrite sa:
                return Covers(sa.Country) ? null : OutsideScope("country", sa.Country);
            default:
                return null;
        }
    }

    private async Task<string?> CommunityCountryAsync(string communityId) => (await grains.Community(communityId).GetProfile())?.Country;

    private static WriteResult OutsideScope(string field, string country) =>
        WriteResult.Forbidden(field, $"'{country}' is outside this caller's scope");
}
