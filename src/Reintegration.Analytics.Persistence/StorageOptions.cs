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

    public static StorageOptions Postgres(string connectionString) => new(DatabaseBackend.PostgreSql, connectionString);

    /// <summary>For logs: the connection without its password.</summary>
    public string Describe() => Backend == DatabaseBackend.Sqlite
        ? $"SQLite {ConnectionString.Split(';')[0].Replace("Data Source=", "")}"
        : $"PostgreSQL {new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Password = null }.ConnectionString}";
}
