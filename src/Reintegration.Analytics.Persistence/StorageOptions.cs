namespace Reintegration.Analytics.Persistence;

/// <summary>Where the service keeps its data: a PostgreSQL connection string, or an SQLite file (the embedded default).</summary>
public sealed record StorageOptions(DatabaseBackend Backend, string ConnectionString)
{
    public const string PostgresConnectionStringName = "Reintegration";
    public const string SqliteFileName = "reintegration.db";

    public static StorageOptions Sqlite(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.GetFullPath(Path.Combine(dataDirectory, SqliteFileName));
        return new StorageOptions(DatabaseBackend.Sqlite, $"Data Source={path};Pooling=True;Default Timeout=30");
    }

    /// <summary>Connections one silo opens at most unless the connection string says otherwise.</summary>
    public const int DefaultMaximumPoolSize = 32;

    /// <summary>
    /// Npgsql's own default pool (100 connections) lets two silos exhaust PostgreSQL's default
    /// <c>max_connections</c> (100); a bulk import keeps that many busy. A smaller pool queues in the
    /// silo instead and measured no slower, so it is the default; <c>Maximum Pool Size</c> in the
    /// connection string wins.
    /// </summary>
    public static StorageOptions Postgres(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var setsPoolSize = given.Keys.Cast<string>().Any(k => k.Replace(" ", "").ToLowerInvariant() is "maximumpoolsize" or "maxpoolsize");
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!setsPoolSize) builder.MaxPoolSize = Math.Max(DefaultMaximumPoolSize, builder.MinPoolSize);
        return new(DatabaseBackend.PostgreSql, builder.ConnectionString);
    }

    /// <summary>Connections a silo keeps for cluster membership, apart from the data pool.</summary>
    public const int MembershipPoolSize = 4;

    /// <summary>
    /// Cluster membership gets its own small pool (Npgsql pools by connection string): a bulk import
    /// may keep every data connection busy, and a silo whose liveness updates wait for one could be
    /// voted dead.
    /// </summary>
    public string MembershipConnectionString => Backend == DatabaseBackend.PostgreSql
        ? new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString)
        {
            ApplicationName = "reintegration-analytics membership",
            MinPoolSize = 0,
            MaxPoolSize = MembershipPoolSize,
        }.ConnectionString
        : ConnectionString;

    /// <summary>For logs: the connection without its password.</summary>
    public string Describe() => Backend == DatabaseBackend.Sqlite
        ? $"SQLite {ConnectionString.Split(';')[0].Replace("Data Source=", "")}"
        : $"PostgreSQL {new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Password = null }.ConnectionString}";
}
