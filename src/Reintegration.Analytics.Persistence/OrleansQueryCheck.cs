namespace Reintegration.Analytics.Persistence;

/// <summary>
/// The Orleans ADO.NET providers read their SQL from the <c>OrleansQuery</c> table by key. This
/// checks at start that every key they use is there and not empty, and names the missing ones,
/// instead of leaving it to a less specific failure deep in the silo's start.
/// </summary>
public static class OrleansQueryCheck
{
    public static readonly IReadOnlyList<string> StorageKeys = ["WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey"];

    public static readonly IReadOnlyList<string> ClusteringKeys =
    [
        "UpdateIAmAlivetimeKey", "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey",
        "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey",
    ];

    public static async Task VerifyAsync(StorageOptions storage, CancellationToken cancellationToken = default)
    {
        await using var connection = storage.Backend.CreateConnection(storage.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT QueryKey, QueryText FROM OrleansQuery";
        var present = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken))
                if (!reader.IsDBNull(1) && reader.GetString(1).Trim().Length > 0)
                    present.Add(reader.GetString(0));

        // SQLite is the single-process default (localhost clustering); only PostgreSQL carries membership.
        var required = storage.Backend == DatabaseBackend.PostgreSql ? StorageKeys.Concat(ClusteringKeys) : StorageKeys;
        var missing = required.Where(k => !present.Contains(k)).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException(
                $"The OrleansQuery table of {storage.Describe()} lacks statements the Orleans providers need: {string.Join(", ", missing)}. " +
                "The schema migrations create them; a database altered by hand must be repaired or recreated.");
    }
}
