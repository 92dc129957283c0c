using System.Data.Common;
using System.Globalization;

namespace Reintegration.Analytics.Persistence;

/// <summary>
/// What the service's own tables (snapshots, audit log) share: connections, parameterized commands, and times, which
/// PostgreSQL keeps as <c>timestamptz</c> and SQLite as ISO 8601 text in UTC (so that text order is time order).
/// </summary>
public sealed class SqlStore(StorageOptions storage)
{
    public bool IsPostgres => storage.Backend == DatabaseBackend.PostgreSql;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellation = default)
    {
        var connection = storage.Backend.CreateConnection(storage.ConnectionString);
        await connection.OpenAsync(cancellation);
        return connection;
    }

    public static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) Journal.SqlBatches.Add(command, name, value ?? DBNull.Value);
        return command;
    }

    public object Time(DateTimeOffset time) => IsPostgres ? time.ToUniversalTime() : time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ");

    public DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => IsPostgres
        ? new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc))
        : DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture);

    public static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
