namespace Reintegration.Analytics.Domain.Access;

/// <summary>Who is asking, as authenticated: the key's or token's name, its role and its scope.</summary>
public sealed record Caller(string Name, string Role, AccessScope Scope)
{
    /// <summary>The service acting on its own behalf (the demo programme's seeder), with an admin's reach.</summary>
    public static Caller Service(string name) => new(name, Roles.Admin, AccessScope.Unlimited);

    public bool Holds(Permission permission) => permission switch
    {
        Permission.Open => true,
        Permission.ReadReference => Role is not Roles.Metrics,
        Permission.ReadAggregates => Role is Roles.Viewer or Roles.Analyst or Roles.Hq or Roles.Admin,
        Permission.ReadCases or Permission.Write => Role is Roles.Ingest or Roles.Admin,
        Permission.Snapshots => Role is Roles.Analyst or Roles.Hq or Roles.Admin,
        Permission.Administer => Role is Roles.Admin,
        Permission.Scrape => Role is Roles.Metrics or Roles.Admin,
        _ => false,
    };

    /// <summary>Builds a caller from configured or token values; a scoped role needs a scope, the others take none.</summary>
    public static (Caller? Caller, string? Error) Create(string name, string? role, string? scope, Reference.RegionMap regions)
    {
        if (!Roles.IsKnown(role)) return (null, $"role '{role}' is not one of {string.Join(", ", Roles.All)}");
        if (!Roles.IsScoped(role!))
            return string.IsNullOrWhiteSpace(scope)
                ? (new Caller(name, role!, AccessScope.Unlimited), null)
                : (null, $"role '{role}' reaches everything and takes no scope (scope '{scope}' was given)");
        var (parsed, error) = AccessScope.Parse(scope, regions);
        return parsed is null
            ? (null, $"role '{role}' needs a scope of countries or regions: {error!.Message}")
            : (new Caller(name, role!, parsed), null);
    }
}
