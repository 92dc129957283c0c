using System.Security.Claims;
using Reintegration.Analytics.Domain.Access;
using Reintegration.Analytics.Domain.Reference;

namespace Reintegration.Analytics.Host.Auth;

/// <summary>A <see cref="Caller"/> as claims (<c>sub</c>, <c>role</c>, <c>scope</c>: the names JWTs use) and back.</summary>
public static class CallerClaims
{
    public const string Name = "sub";
    public const string Role = "role";
    public const string Scope = "scope";

    public static ClaimsPrincipal ToPrincipal(Caller caller, string scheme)
    {
        var claims = new List<Claim> { new(Name, caller.Name), new(Role, caller.Role) };
        if (!caller.Scope.Everything) claims.Add(new Claim(Scope, caller.Scope.ToString()));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, Name, Role));
    }

    /// <summary>
    /// Reads a caller from claims; the error says what is wrong with them (no <c>sub</c>, not exactly one role, an unknown
    /// role, a missing scope).
    /// </summary>
    public static (Caller? Caller, string? Error) FromPrincipal(ClaimsPrincipal principal, RegionMap regions)
    {
        if (principal.Identity?.IsAuthenticated != true) return (null, null);
        var name = principal.FindFirst(Name)?.Value;
        if (string.IsNullOrWhiteSpace(name)) return (null, "there is no 'sub' claim naming the caller");
        var roles = principal.FindAll(Role).Select(c => c.Value).ToList();
        if (roles.Count > 1) return (null, $"there are {roles.Count} 'role' claims; a caller has one role");
        var scopes = principal.FindAll(Scope).Select(c => c.Value).ToList();
        return Domain.Access.Caller.Create(name, roles.FirstOrDefault(), scopes.Count == 0 ? null : string.Join(",", scopes), regions);
    }

    /// <summary>
    /// Keeps the caller an authentication handler has just validated, so that the request does not parse its claims again.
    /// </summary>
    public static void Remember(HttpContext http, Caller caller) => http.Items[typeof(Caller)] = caller;

    /// <summary>The authenticated caller of a request, or null when it brought no valid credentials.</summary>
    public static Caller? Caller(this HttpContext http)
    {
        if (http.Items.TryGetValue(typeof(Caller), out var known)) return (Caller?)known;
        var (caller, _) = FromPrincipal(http.User, http.RequestServices.GetRequiredService<RegionMap>());
        http.Items[typeof(Caller)] = caller;
        return caller;
    }

    /// <summary>The caller of an endpoint that requires credentials (the access control middleware has checked them).</summary>
    public static Caller RequiredCaller(this HttpContext http) =>
        http.Caller() ?? throw new InvalidOperationException("an endpoint that requires credentials ran without them");
}
