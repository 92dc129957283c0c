using Microsoft.Extensions.Logging;
using Reintegration.Analytics.Grains.Storage;

namespace Reintegration.Analytics.Persistence.Journal;

/// <summary>
/// The <c>communities</c> table: which community is in which country. Registrations from concurrent community grains are
/// group-committed (a bulk import registers thousands at once; one transaction each was one sync of the database each).
/// </summary>
public sealed class CommunityDirectory : ICommunityDirectory, IAsyncDisposable
{
    private const int MaxBatch = 500;

    private readonly SqlStore _store;
    private readonly DatabaseBatcher<(string CommunityId, string Country), bool> _registrations;

    public CommunityDirectory(StorageOptions storage, ILogger<CommunityDirectory> logger)
    {
        _store = new SqlStore(storage);
        _registrations = new DatabaseBatcher<(string, string), bool>(InsertAsync,
            e => new StorageUnavailableException("the community directory could not be written", e), MaxBatch, workers: 1,
            "community registrations", logger);
    }

    public Task RegisterAsync(string communityId, string country) => _registrations.AddAsync((communityId, country));

    private async Task<IReadOnlyList<DatabaseBatcher<(string, string), bool>.Outcome>> InsertAsync(
        IReadOnlyList<(string CommunityId, string Country)> registrations)
    {
        await using var connection = await _store.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = SqlStore.Command(connection,
            "INSERT INTO communities (community_id, country) VALUES (@community, @country) " +
            "ON CONFLICT (community_id) DO UPDATE SET country = excluded.country",
            ("@community", null), ("@country", null));
        command.Transaction = transaction;
        foreach (var (communityId, country) in registrations)
        {
            command.Parameters[0].Value = communityId;
            command.Parameters[1].Value = country;
            await command.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return registrations.Select(_ => DatabaseBatcher<(string, string), bool>.Outcome.Done(true)).ToList();
    }

    public Task<IReadOnlyList<string>> CommunitiesInAsync(string country) =>
        ListAsync("SELECT community_id FROM communities WHERE country = @country ORDER BY community_id", country);

    public Task<IReadOnlyList<string>> CountriesAsync() =>
        ListAsync("SELECT DISTINCT country FROM communities ORDER BY country", null);

    private async Task<IReadOnlyList<string>> ListAsync(string sql, string? country)
    {
        await using var connection = await _store.OpenAsync();
        await using var command = country is null
            ? SqlStore.Command(connection, sql)
            : SqlStore.Command(connection, sql, ("@country", country));
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }

    public ValueTask DisposeAsync() => _registrations.DisposeAsync();
}
