using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Reintegration.Analytics.Host.Ingest;

namespace Reintegration.Analytics.Host.Api;

/// <summary><c>POST /ingest</c>: NDJSON bulk import (SPEC §3.1).</summary>
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
            try
            {
                using var reader = IngestProcessor.ReaderFor(body);
                return Results.Ok(await processor.IngestAsync(reader, http.RequestAborted));
            }
            catch (Exception e) when (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } || body.LimitExceeded)
            {
                return Problems.TooLarge(limit);
            }
        });
    }
}
