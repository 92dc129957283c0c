using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Reintegration.Analytics.Domain.Access;
using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Domain.Snapshots;
using Reintegration.Analytics.Host.Audit;
using Reintegration.Analytics.Host.Auth;
using Reintegration.Analytics.Host.Exports;
using Reintegration.Analytics.Host.Snapshots;
using Reintegration.Analytics.Persistence.Snapshots;

namespace Reintegration.Analytics.Host.Api;

/// <summary>
/// Indicator snapshots (SPEC §3.1): <c>POST /snapshots</c> records a request and answers <c>202</c> with a status URL
/// while the snapshot is built in the background; a ready snapshot downloads as JSON, CSV, HXL-tagged CSV or XLSX,
/// streamed from its stored rows (so every download of it is the same bytes), and two snapshots compare row by row.
/// </summary>
internal static class SnapshotEndpoints
{
    public const int MaxLabelLength = 200;

    public static void MapSnapshotEndpoints(this IEndpointRouteBuilder api)
    {
        // A snapshot outside the caller's scope is answered as an unknown one and left out of listings (SPEC §4).
        var snapshots = api.MapGroup("/snapshots").RequireAccess(Permission.Snapshots);
        snapshots.MapPost("", CreateAsync).Audited("snapshot.create");
        snapshots.MapGet("", async (HttpContext http, SnapshotStore store, RegionMap regions) =>
        {
            var caller = http.RequiredCaller();
            var visible = (await store.ListAsync()).Where(s => Visible(s, caller, regions));
            return Results.Ok(new { snapshots = visible.Select(s => View(http.Request, s)) });
        });
        snapshots.MapGet("/{id}/status", async (string id, HttpContext http, SnapshotStore store, RegionMap regions) =>
            await store.FindAsync(id) is { } info && Visible(info, http.RequiredCaller(), regions)
                ? Results.Ok(View(http.Request, info))
                : UnknownSnapshot("id", id));
        snapshots.MapGet("/{id}", DownloadAsync).Audited("snapshot.download").WithRequestTimeout(RequestLimits.BulkPolicy);
        snapshots.MapGet("/{a}/diff/{b}", DiffAsync).Audited("snapshot.diff").WithRequestTimeout(RequestLimits.BulkPolicy);
        snapshots.MapDelete("/{id}", async (string id, SnapshotStore store) =>
            await store.DeleteAsync(id) ? Results.NoContent() : UnknownSnapshot("id", id))
            .RequireAccess(Permission.Administer).Audited("snapshot.delete");
    }

    private static bool Visible(SnapshotInfo info, Caller caller, RegionMap regions) =>
        caller.Scope.Everything
        || (SnapshotScope.Parse(info.Scope, regions).Scope is { } scope && caller.Scope.CoversSnapshot(scope, regions));

    private static async Task<IResult> CreateAsync(
        HttpContext http, SnapshotBuilder builder, RegionMap regions, IOptions<ApiOptions> options)
    {
        var request = http.Request;
        var caller = http.RequiredCaller();
        var (document, problem) = await RequestBody.ReadJsonAsync(request, options.Value.MaxRecordBytes, allowEmpty: true);
        if (problem is not null) return problem;
        using var _ = document;
        string? label = null, scopeText = null;
        if (document is not null)
        {
            var body = document.RootElement;
            if (body.ValueKind != JsonValueKind.Object) return Problems.Invalid("body", "expected a JSON object { label?, scope? }");
            foreach (var property in body.EnumerateObject())
            {
                if (property.Name is not ("label" or "scope"))
                    return Problems.Invalid(property.Name, "is not a field of a snapshot request (label, scope)");
                if (property.Value.ValueKind == JsonValueKind.Null) continue;
                if (property.Value.ValueKind != JsonValueKind.String) return Problems.Invalid(property.Name, "must be a string");
                if (property.Name == "label") label = property.Value.GetString();
                else scopeText = property.Value.GetString();
            }
        }
        if (label is { Length: > MaxLabelLength }) return Problems.Invalid("label", $"is longer than {MaxLabelLength} characters");
        SnapshotScope? scope;
        if (scopeText is null && !caller.Scope.Everything)
        {
            scope = caller.Scope.DefaultSnapshot();
            if (scope is null)
                return Problems.Invalid("scope",
                    $"'{caller.Name}' reaches regions and countries ({caller.Scope}); name the regions or the countries");
        }
        else
        {
            var (parsed, error) = SnapshotScope.Parse(scopeText, regions);
            if (parsed is null) return Problems.Invalid([error!]);
            if (!caller.Scope.CoversSnapshot(parsed, regions))
                return Problems.OutsideScope("scope", parsed.ToString(), caller);
            scope = parsed;
        }

        var info = await builder.RequestAsync(label, scope);
        AuditTrail.Target(http, $"id={info.Id}");
        AuditTrail.Details(http, $"scope={scope}");
        var view = View(request, info);
        return Results.Accepted(view.StatusUrl, view);
    }

    private static async Task<IResult> DownloadAsync(
        string id, HttpContext http, SnapshotStore store, RegionMap regions, IOptions<JsonOptions> json)
    {
        var format = SnapshotFormat.Choose(http.Request.Query["format"].ToString(), http.Request.Headers.Accept.ToString());
        if (format is null)
        {
            var formats = string.Join(", ", SnapshotFormat.All.Select(f => f.Name));
            return Problems.Invalid("format", $"'{http.Request.Query["format"]}' is not one of {formats}");
        }
        AuditTrail.Details(http, $"format={format.Name}");
        var (info, problem) = await ReadyAsync(store, http.RequiredCaller(), regions, "id", id);
        if (info is null) return problem!;
        var cancellation = http.RequestAborted;
        return Results.Stream(body =>
        {
            var rows = store.ReadRowsAsync(info.Id, cancellation);
            return format.Name switch
            {
                "csv" => SnapshotCsvExport.WriteAsync(body, info, rows, cancellation),
                "hxl" => SnapshotHxlExport.WriteAsync(body, info, rows, cancellation),
                "xlsx" => SnapshotXlsxExport.WriteAsync(body, info, rows, cancellation),
                _ => SnapshotJsonExport.WriteAsync(body, info, rows, json.Value.SerializerOptions, cancellation),
            };
        }, format.ContentType, $"snapshot-{info.Id}.{format.Extension}",
            entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{info.Id}-{format.Name}\""));
    }

    private static async Task<IResult> DiffAsync(
        string a, string b, HttpContext http, SnapshotStore store, RegionMap regions, IOptions<JsonOptions> json)
    {
        var caller = http.RequiredCaller();
        var (first, problem) = await ReadyAsync(store, caller, regions, "a", a);
        if (first is null) return problem!;
        var (second, secondProblem) = await ReadyAsync(store, caller, regions, "b", b);
        if (second is null) return secondProblem!;
        var changedOnly = http.Request.Query["changed"].ToString() is "true" or "1";
        var cancellation = http.RequestAborted;
        var rows = SnapshotDiff.Compare(store.ReadRowsAsync(first.Id, cancellation), store.ReadRowsAsync(second.Id, cancellation));
        if (changedOnly) rows = rows.Where(r => r.A != r.B || r.ASuppressed != r.BSuppressed || r.InA != r.InB);
        var request = http.Request;
        return Results.Stream(body => JsonSerializer.SerializeAsync(body, new { a = View(request, first), b = View(request, second), rows },
            json.Value.SerializerOptions, cancellation), "application/json");
    }

    /// <summary>
    /// A snapshot that can be read: 404 when unknown or not visible, 409 while it is being built or when its build failed.
    /// </summary>
    private static async Task<(SnapshotInfo? Info, IResult? Problem)> ReadyAsync(
        SnapshotStore store, Caller caller, RegionMap regions, string field, string id)
    {
        var info = await store.FindAsync(id);
        if (info is null || !Visible(info, caller, regions)) return (null, UnknownSnapshot(field, id));
        return info.Status switch
        {
            SnapshotInfo.Ready => (info, null),
            SnapshotInfo.Building => (null, Problems.Conflict(new(field,
                $"snapshot '{id}' is still being built; GET /api/v1/snapshots/{id}/status says when it is ready"))),
            _ => (null, Problems.Conflict(new(field, $"snapshot '{id}' failed: {info.Error}"))),
        };
    }

    private static IResult UnknownSnapshot(string field, string id) => Problems.NotFound(field, $"no snapshot '{id}'");

    private static SnapshotView View(HttpRequest request, SnapshotInfo info)
    {
        var url = $"{request.PathBase}/api/v1/snapshots/{Uri.EscapeDataString(info.Id)}";
        return new SnapshotView(info.Id, info.Label, info.Scope, info.Status, info.TakenAt, info.CompletedAt, info.MinimumCellSize,
            info.Instrument, info.Rows, info.Error, url + "/status", info.Status == SnapshotInfo.Ready ? url : null);
    }

    private sealed record SnapshotView(string Id, string? Label, string Scope, string Status, DateTimeOffset TakenAt,
        DateTimeOffset? CompletedAt, int MinimumCellSize, string Instrument, long? Rows, string? Error, string StatusUrl, string? Url);
}
