using Reintegration.Analytics.Persistence;

namespace Reintegration.Analytics.Host.Configuration;

/// <summary>
/// PostgreSQL when a connection string is given (<c>ConnectionStrings:Reintegration</c>, e.g. the
/// environment variable <c>ConnectionStrings__Reintegration</c>, or <c>--postgres</c>); otherwise an
/// SQLite file in <c>Storage:DataDirectory</c> (<c>--data-dir</c>, default <c>./data</c>).
/// </summary>
public static class StorageSelection
{
    public const string DataDirectorySetting = "Storage:DataDirectory";

    public static readonly IReadOnlyDictionary<string, string> CommandLineSwitches = new Dictionary<string, string>
    {
        ["--data-dir"] = DataDirectorySetting,
        ["--postgres"] = $"ConnectionStrings:{StorageOptions.PostgresConnectionStringName}",
    };

    public static StorageOptions From(IConfiguration configuration) =>
        configuration.GetConnectionString(StorageOptions.PostgresConnectionStringName) is { Length: > 0 } postgres
            ? StorageOptions.Postgres(postgres)
            : StorageOptions.Sqlite(configuration[DataDirectorySetting] is { Length: > 0 } directory
                ? directory
                : Path.Combine(Directory.GetCurrentDirectory(), "data"));
}
