namespace Reintegration.Analytics.Grains;

/// <summary>Grain storage provider names. Each grain type also uses its own state name so rows never collide.</summary>
public static class StorageNames
{
    public const string Returnees = "returnees";
    public const string Aggregates = "aggregates";
}
