using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Grains.Storage;

namespace Reintegration.Analytics.Persistence.ReadModel;

/// <summary>
/// Write-behind for the read model: the latest document per community and country is kept, and
/// once a second everything that changed is upserted in one transaction. A failed flush keeps the
/// rows for the next one, so the tables catch up by themselves after an outage.
/// </summary>
public sealed class ReadModelWriter : IReadModel, IAsyncDisposable
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    private readonly StorageOptions _storage;
    private readonly ILogger<ReadModelWriter> _logger;
    private readonly ConcurrentDictionary<string, CommunityAggregateDocument> _communities = new();
    private readonly ConcurrentDictionary<string, CountryAggregateDocument> _countries = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public ReadModelWriter(StorageOptions storage, ILogger<ReadModelWriter> logger)
    {
        _storage = storage;
        _logger = logger;
        _loop = Task.Run(LoopAsync);
    }

    public void Publish(CommunityAggregateDocument community) => _communities[community.CommunityId] = community;

    public void Publish(CountryAggregateDocument country) => _countries[country.Country] = country;

    /// <summary>Writes everything pending now (also used by tests).</summary>
    public async Task FlushAsync()
    {
        var communities = Take(_communities);
        var countries = Take(_countries);
        if (communities.Count == 0 && countries.Count == 0) return;
        try
        {
            await using var connection = _storage.Backend.CreateConnection(_storage.ConnectionString);
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await UpsertAsync(connection, transaction, "community_indicators", "community_id", IndicatorRows.CommunityColumns, communities.Select(IndicatorRows.Community));
            await UpsertAsync(connection, transaction, "country_indicators", "country", IndicatorRows.CountryColumns, countries.Select(IndicatorRows.Country));
            await transaction.CommitAsync();
        }
        catch (Exception e)
        {
            // Put back what was not written, unless a newer document arrived meanwhile.
            foreach (var c in communities) _communities.TryAdd(c.CommunityId, c);
            foreach (var c in countries) _countries.TryAdd(c.Country, c);
            _logger.LogWarning("Read model flush failed, will retry: {Message}", e.Message);
        }
    }

    private static List<T> Take<T>(ConcurrentDictionary<string, T> pending)
    {
        var taken = new List<T>();
        foreach (var key in pending.Keys)
            if (pending.TryRemove(key, out var value)) taken.Add(value);
        return taken;
    }

    private async Task UpsertAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction,
        string table, string key, string[] columns, IEnumerable<object?[]> rows)
    {
        var documentIndex = Array.IndexOf(columns, "document");
        var update = string.Join(", ", columns.Where(c => c != key).Select(c => $"{c} = excluded.{c}"));
        foreach (var chunk in rows.Chunk(40))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var values = chunk.Select((row, r) => "(" + string.Join(", ", row.Select((_, c) =>
                _storage.Backend == DatabaseBackend.PostgreSql && c == documentIndex ? $"@p{r}_{c}::jsonb" : $"@p{r}_{c}")) + ")");
            command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES {string.Join(", ", values)} ON CONFLICT ({key}) DO UPDATE SET {update}";
            for (var r = 0; r < chunk.Length; r++)
                for (var c = 0; c < columns.Length; c++)
                    Journal.SqlBatches.Add(command, $"@p{r}_{c}", chunk[r][c] ?? DBNull.Value);
            await command.ExecuteNonQueryAsync();
        }
    }

    private async Task LoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(FlushInterval, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            await FlushAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
        await FlushAsync();
    }
}
