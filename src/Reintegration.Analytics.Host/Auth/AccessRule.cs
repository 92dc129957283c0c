using Reintegration.Analytics.Domain.Access;

namespace Reintegration.Analytics.Host.Auth;

/// <summary>
/// Endpoint metadata: who may call it (<see cref="Permission"/>) and which route value names the country or region it is
/// about. Every endpoint carries one (<see cref="EndpointAccess.EnsureEveryEndpointHasARule"/> checks at start).
/// Scope checks that need stored data (a community's or case's country, a snapshot's scope, a record's country) are
/// made by the handler, which answers 404 for ids outside the scope so that their existence is not revealed.
/// </summary>
public sealed record AccessRule(Permission Permission, RouteScope Scope = RouteScope.None, string? RouteValue = null);

public enum RouteScope
{
    /// <summary>No route value names a place; the handler checks what it needs.</summary>
    None,
    /// <summary>The route value is a country code: outside the scope is 403.</summary>
    Country,
    /// <summary>The route value is a region code: outside the scope is 403.</summary>
    Region,
    /// <summary>The whole programme: only callers whose reach is everything (hq, admin).</summary>
    Everything,
}

public static class EndpointAccess
{
    public static TBuilder RequireAccess<TBuilder>(
        this TBuilder builder, Permission permission, RouteScope scope = RouteScope.None, string? routeValue = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessRule(permission, scope, routeValue));

    /// <summary>Refuses to start with an endpoint that says nothing about who may call it.</summary>
    public static void EnsureEveryEndpointHasARule(IEndpointRouteBuilder app)
    {
        var bare = app.DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<AccessRule>() is null)
            .Select(e => e.DisplayName ?? e.RoutePattern.RawText).ToList();
        if (bare.Count > 0)
            throw new InvalidOperationException($"endpoints without an access rule (add RequireAccess): {string.Join(", ", bare)}");
    }
}
