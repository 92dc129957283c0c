using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Reintegration.Analytics.Domain.Access;
using Reintegration.Analytics.Host.Audit;
using Reintegration.Analytics.Host.Auth;
using Reintegration.Analytics.Host.Ingest;

namespace Reintegration.Analytics.Host.Api;

/// <summary>
/// <c>POST /ingest</c>: bulk import (SPEC §3.1) of NDJSON records, or, with <c>Content-Type: text/csv</c>, of surveys laid
/// out like a KoboToolbox export (<see cref="SurveyCsv"/>); the same report either way.
/// </summary>
internal static class IngestEndpoint
{
    public static void MapIngestEndpoint(this IEndpointRouteBuilder api)
    {
        api.MapPost("/ingest", async (HttpContext http, IngestProcessor processor, IOptions<ApiOptions> options) =>
        {
            var limit = options.Value.MaxIngestBytes;
            if (http.Request.ContentLength > limit) return Problems.TooLarge(limit);
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
                sizeFeature.MaxRequestBodySize = limit;

            var body = new LimitedStream(http.Request.Body, limit);
            var tally = new IngestTally();
            try
            {
                var csv = http.Request.ContentType?.StartsWith(SurveyCsv.MediaType, StringComparison.OrdinalIgnoreCase) == true;
                AuditTrail.Target(http, csv ? "csv" : "ndjson");
                IngestReport report;
                if (csv)
                {
                    var (lines, error) = await SurveyCsv.OpenAsync(body, options.Value.MaxRecordBytes, http.RequestAborted);
                    if (lines is null) return Problems.Invalid([error!]);
                    report = await processor.IngestAsync(lines, http.RequiredCaller(), http.RequestAborted, tally);
                }
                else
                {
                    using var reader = IngestProcessor.ReaderFor(body);
                    report = await processor.IngestAsync(
                        reader, options.Value.MaxRecordBytes, http.RequiredCaller(), http.RequestAborted, tally);
                }
                return Results.Ok(report);
            }
            catch (Exception e) when (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } || body.LimitExceeded)
            {
                return Problems.TooLarge(limit);
            }
            finally
            {
                // Also when the batch stopped early: its audit row says what it wrote before.
                AuditTrail.Details(http, tally.ToString());
            }
        }).RequireAccess(Permission.Write).Audited("ingest")
            .WithRequestTimeout(RequestLimits.BulkPolicy);
    }
}
