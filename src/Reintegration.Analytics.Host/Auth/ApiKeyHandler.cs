using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Reintegration.Analytics.Host.Auth;

/// <summary>
/// Authenticates <c>X-Api-Key</c>. The key may also come as <c>Authorization: Bearer &lt;key&gt;</c> for clients that can
/// send no other header, such as Prometheus' scrape configuration; a bearer value with dots is a JWT and goes to the JWT handler.
/// </summary>
public sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is null) return Task.FromResult(AuthenticateResult.NoResult());
        var caller = keys.Find(presented);
        if (caller is null) return Task.FromResult(AuthenticateResult.Fail("the API key is not one this service knows"));
        CallerClaims.Remember(Context, caller);
        var ticket = new AuthenticationTicket(CallerClaims.ToPrincipal(caller, SchemeName), SchemeName);
        return Task.FromResult(AuthenticateResult.Success(ticket));
    }

    public static string? PresentedKey(HttpRequest request)
    {
        var header = request.Headers[ApiKeys.Header].ToString();
        if (header.Length > 0) return header;
        return BearerValue(request) is { } bearer && !IsJwt(bearer) ? bearer : null;
    }

    public static string? BearerValue(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }

    public static bool IsJwt(string value) => value.Count(c => c == '.') == 2;
}
