using Orleans.Serialization;
using Reintegration.Analytics.Domain.Returnees;
using Reintegration.Analytics.Grains.Storage;

namespace Reintegration.Analytics.Persistence.Journal;

/// <summary>Reads a community's membership rows (the latest contribution of each of its returnees).</summary>
public sealed class CommunityMembers(StorageOptions storage, Serializer serializer) : ICommunityMembers
{
    public async Task<IReadOnlyList<ReturneeContribution>> LoadAsync(string communityId)
    {
        await using var connection = storage.Backend.CreateConnection(storage.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT contribution FROM community_members WHERE community_id = @community";
        SqlBatches.Add(command, "@community", communityId);
        var contributions = new List<ReturneeContribution>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            contributions.Add(serializer.Deserialize<ReturneeContribution>((byte[])reader[0])!);
        return contributions;
    }
}
