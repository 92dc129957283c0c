using Reintegration.Analytics.Grains.Storage;

namespace Reintegration.Analytics.Persistence.Journal;

/// <summary>The <c>communities</c> table: which community is in which country.</summary>
public sealed class CommunityDirectory(StorageOptions storage) : ICommunityDirectory
{
    public async Task RegisterAsync(string communityId, string country)
    {
        await using var connection = storage.Backend.CreateConnection(storage.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO communities (community_id, country) VALUES (@community, @country) " +
            "ON CONFLICT (community_id) DO UPDATE SET country = excluded.country";
        SqlBatches.Add(command, "@community", communityId);
        SqlBatches.Add(command, "@country", country);
        await command.ExecuteNonQueryAsync();
    }

    public Task<IReadOnlyList<string>> CommunitiesInAsync(string country) =>
        ListAsync("SELECT community_id FROM communities WHERE country = @country ORDER BY community_id", country);

    public Task<IReadOnlyList<string>> CountriesAsync() =>
        ListAsync("SELECT DISTINCT country FROM communities ORDER BY country", null);

    private async Task<IReadOnlyList<string>> ListAsync(string sql, string? country)
    {
        await using var connection = storage.Backend.CreateConnection(storage.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (country is not null) SqlBatches.Add(command, "@country", country);
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }
}
