using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Reintegration.Analytics.Persistence;

/// <summary>The two stores: PostgreSQL in production, SQLite as the embedded default.</summary>
public enum DatabaseBackend
{
    PostgreSql,
    Sqlite,
}

public static class DatabaseBackends
{
    /// <summary>
    /// The ADO.NET invariant the Orleans providers expect. For SQLite it is "System.Data.SQLite",
    /// which Orleans 10.4 maps to Microsoft.Data.Sqlite's factory ("Microsoft.Data.Sqlite" fails at start).
    /// </summary>
    public static string Invariant(this DatabaseBackend backend) => backend switch
    {
        DatabaseBackend.PostgreSql => "Npgsql",
        DatabaseBackend.Sqlite => "System.Data.SQLite",
        _ => throw new ArgumentOutOfRangeException(nameof(backend)),
    };

    public static string FolderName(this DatabaseBackend backend) => backend switch
    {
        DatabaseBackend.PostgreSql => "postgresql",
        DatabaseBackend.Sqlite => "sqlite",
        _ => throw new ArgumentOutOfRangeException(nameof(backend)),
    };

    public static DbConnection CreateConnection(this DatabaseBackend backend, string connectionString) => backend switch
    {
        DatabaseBackend.PostgreSql => new NpgsqlConnection(connectionString),
        DatabaseBackend.Sqlite => new SqliteConnection(connectionString),
        _ => throw new ArgumentOutOfRangeException(nameof(backend)),
    };
}
