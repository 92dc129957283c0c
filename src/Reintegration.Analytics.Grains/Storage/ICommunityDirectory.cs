namespace Reintegration.Analytics.Grains.Storage;

/// <summary>Which communities exist in which country, so aggregates above them can be rebuilt after a restart or failover.</summary>
public interface ICommunityDirectory
{
    Task RegisterAsync(string communityId, string country);
    Task<IReadOnlyList<string>> CommunitiesInAsync(string country);
    Task<IReadOnlyList<string>> CountriesAsync();
}
