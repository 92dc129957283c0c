namespace Reintegration.Analytics.Domain.Access;

/// <summary>The roles of SPEC §4. Three are scoped by country or region; the other three reach everything they may.</summary>
public static class Roles
{
    public const string Ingest = "ingest";
    public const string Viewer = "viewer";
    public const string Analyst = "analyst";
    public const string Hq = "hq";
    public const string Admin = "admin";
    public const string Metrics = "metrics";

    public static readonly IReadOnlyList<string> All = [Ingest, Viewer, Analyst, Hq, Admin, Metrics];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role);

    /// <summary>Roles whose reach is their scope; hq, admin and metrics take no scope.</summary>
    public static bool IsScoped(string role) => role is Ingest or Viewer or Analyst;
}
