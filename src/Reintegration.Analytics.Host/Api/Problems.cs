using Reintegration.Analytics.Domain.Validation;
using Reintegration.Analytics.Grains;

namespace Reintegration.Analytics.Host.Api;

/// <summary>RFC 9457 problem+json answers; every client error names the field it is about.</summary>
internal static class Problems
{
    private const string TypeBase = "urn:reintegration-analytics:problem:";

    public static IResult Invalid(IReadOnlyList<FieldError> errors) => Problem(
        StatusCodes.Status400BadRequest, "invalid-input", "The request has invalid fields", errors);

    public static IResult Invalid(string field, string message) => Invalid([new FieldError(field, message)]);

    public static IResult NotFound(string field, string message) => Problem(
        StatusCodes.Status404NotFound, "not-found", "No such resource", [new FieldError(field, message)]);

    public static IResult Unauthorized(string message) => Problem(
        StatusCodes.Status401Unauthorized, "unauthorized", "Credentials are missing or not valid",
        [new FieldError("credentials", message)]);

    public static IResult Forbidden(string field, string message) => Problem(
        StatusCodes.Status403Forbidden, "forbidden", "The caller may not do this", [new FieldError(field, message)]);

    public static IResult TooManyRequests(int perSecond, int retryAfterSeconds) => Problem(
        StatusCodes.Status429TooManyRequests, "too-many-requests", "Too many requests",
        [new FieldError("rate", $"this caller may send {perSecond} requests a second; retry after {retryAfterSeconds} s")]);

    public static IResult TimedOut(TimeSpan limit) => Problem(
        StatusCodes.Status504GatewayTimeout, "timed-out", "The request took too long",
        [new FieldError("request", $"was cancelled after {limit.TotalSeconds:0} s; writes already acknowledged in it stay")]);

    /// <summary>403 for codes (countries, regions, a snapshot scope) the caller's scope does not reach.</summary>
    public static IResult OutsideScope(string field, string codes, Domain.Access.Caller caller) =>
        Forbidden(field, $"'{codes}' is outside the scope of '{caller.Name}' ({caller.Scope})");

    public static IResult Conflict(FieldError error) => Problem(
        StatusCodes.Status409Conflict, "conflict", "The request conflicts with the stored record", [error]);

    public static IResult TooLarge(long limit) => Problem(
        StatusCodes.Status413PayloadTooLarge, "too-large", "The request body is too large",
        [new FieldError("body", $"exceeds the limit of {limit} bytes")]);

    public static IResult ForWrite(WriteResult result) => result.Status switch
    {
        WriteStatus.NotFound => Problem(StatusCodes.Status404NotFound, "not-found", "No such resource", [result.Error!]),
        WriteStatus.Invalid => Invalid([result.Error!]),
        WriteStatus.Conflict => Conflict(result.Error!),
        WriteStatus.Forbidden => Forbidden(result.Error!.Field, result.Error.Message),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result.Status, "not an error"),
    };

    private static IResult Problem(int status, string type, string title, IReadOnlyList<FieldError> errors) =>
        Results.Problem(
            statusCode: status,
            type: TypeBase + type,
            title: title,
            detail: string.Join("; ", errors.Select(e => e.ToString())),
            extensions: new Dictionary<string, object?>
            {
                ["field"] = errors[0].Field,
                ["errors"] = errors.Select(e => new { field = e.Field, message = e.Message }).ToArray(),
            });
}
