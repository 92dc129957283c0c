using Microsoft.Extensions.Options;
using Reintegration.Analytics.Domain.Access;
using Reintegration.Analytics.Grains;
using Reintegration.Analytics.Host.Audit;
using Reintegration.Analytics.Host.Auth;
using Reintegration.Analytics.Host.Ingest;
using Reintegration.Analytics.Host.Metrics;
using Reintegration.Analytics.Host.Parsing;

namespace Reintegration.Analytics.Host.Api;

/// <summary>The single-record writes of SPEC §3.1; each answers once the grain has stored the record.</summary>
internal static class WriteEndpoints
{
    public static void MapWriteEndpoints(this IEndpointRouteBuilder api)
    {
        var writes = api.MapGroup("").RequireAccess(Permission.Write);
        writes.MapPut("/communities/{communityId}", (HttpContext http, string communityId) =>
            PutAsync(http, "community", new() { ["communityId"] = communityId }))
            .Audited("put.community");
        writes.MapPut("/returnees/{caseId}", (HttpContext http, string caseId) =>
            PutAsync(http, "returnee", new() { ["caseId"] = caseId }))
            .Audited("put.returnee");
        writes.MapPut("/returnees/{caseId}/surveys/{surveyId}", (HttpContext http, string caseId, string surveyId) =>
            PutAsync(http, "survey", new() { ["caseId"] = caseId, ["surveyId"] = surveyId }))
            .Audited("put.survey");
        writes.MapPut("/returnees/{caseId}/assistance/{assistanceId}", (HttpContext http, string caseId, string assistanceId) =>
            PutAsync(http, "assistance", new() { ["caseId"] = caseId, ["assistanceId"] = assistanceId }))
            .Audited("put.assistance");
        writes.MapPut("/returnees/{caseId}/plan", (HttpContext http, string caseId) =>
            PutAsync(http, "plan", new() { ["caseId"] = caseId }))
            .Audited("put.plan");
        writes.MapPut("/communities/{communityId}/assessments/{assessmentId}", (
            HttpContext http, string communityId, string assessmentId) =>
            PutAsync(http, "communityAssessment", new() { ["communityId"] = communityId, ["assessmentId"] = assessmentId }))
            .Audited("put.communityAssessment");
        writes.MapPut("/countries/{iso3}/assessments/{assessmentId}", (HttpContext http, string iso3, string assessmentId) =>
            PutAsync(http, "structuralAssessment", new() { ["country"] = iso3, ["assessmentId"] = assessmentId }))
            .RequireAccess(Permission.Write, RouteScope.Country, "iso3").Audited("put.structuralAssessment");
    }

    private static async Task<IResult> PutAsync(HttpContext http, string kind, Dictionary<string, string> ids)
    {
        var services = http.RequestServices;
        var metrics = services.GetRequiredService<IngestMetrics>();
        var limit = services.GetRequiredService<IOptions<ApiOptions>>().Value.MaxRecordBytes;
        var (document, problem) = await RequestBody.ReadJsonAsync(http.Request, limit);
        if (problem is not null)
        {
            metrics.Count(kind, IngestMetrics.Rejected);
            return problem;
        }

        using (document)
        {
            var (record, errors) = services.GetRequiredService<RecordParser>().Parse(kind, document!.RootElement, ids);
            if (record is null)
            {
                metrics.Count(kind, IngestMetrics.Rejected);
                return Problems.Invalid(errors);
            }

            var applying = System.Diagnostics.Stopwatch.StartNew();
            WriteResult result;
            try
            {
                result = await services.GetRequiredService<RecordApplier>().ApplyAsync(record, http.RequiredCaller());
            }
            catch
            {
                metrics.Count(kind, IngestMetrics.Failed);
                throw;
            }
            metrics.Acknowledged(kind, IngestMetrics.OutcomeOf(result), applying.Elapsed);
            if (!result.Succeeded) return Problems.ForWrite(result);

            return Results.Ok(new WriteAnswer(
                kind,
                ids,
                result.Status == WriteStatus.Applied ? "applied" : "unchanged",
                result.Scores is { } s ? new ScoresAnswer(s.Economic, s.Social, s.Psychosocial, s.Composite, s.Sustainable) : null));
        }
    }

    private sealed record WriteAnswer(string Kind, IReadOnlyDictionary<string, string> Ids, string Status, ScoresAnswer? Scores);

    private sealed record ScoresAnswer(double? Economic, double? Social, double? Psychosocial, double? Composite, bool? Sustainable);
}
