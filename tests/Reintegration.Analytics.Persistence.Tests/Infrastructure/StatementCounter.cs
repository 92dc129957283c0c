using System.Diagnostics;
using Npgsql;

namespace Reintegration.Analytics.Persistence.Tests.Infrastructure;

/// <summary>
/// Counts the journal's write statements independently of the journal: Npgsql reports every command it
/// executes as an Activity (source "Npgsql"). Microsoft.Data.Sqlite has no such hook, so on SQLite
/// <see cref="Counted"/> is null.
/// </summary>
public sealed class StatementCounter : IDisposable
{
    private readonly ActivityListener? _listener;
    private readonly string? _database;
    private long _count;

    private StatementCounter(TestDatabase db)
    {
        if (db.Backend != DatabaseBackend.PostgreSql) return;
        _database = new NpgsqlConnectionStringBuilder(db.ConnectionString).Database;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Count,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public static StatementCounter Start(TestDatabase db) => new(db);

    /// <summary>INSERT statements into returnee_journal or community_members executed on this test's database.</summary>
    public long? Counted => _listener is null ? null : Interlocked.Read(ref _count);

    private void Count(Activity activity)
    {
        var database = Tag(activity, "db.namespace") ?? Tag(activity, "db.name");
        var text = Tag(activity, "db.query.text") ?? Tag(activity, "db.statement") ?? "";
        if (database != _database) return;
        var statement = text.TrimStart();
        if (statement.StartsWith("INSERT INTO returnee_journal", StringComparison.OrdinalIgnoreCase)
            || statement.StartsWith("INSERT INTO community_members", StringComparison.OrdinalIgnoreCase))
            Interlocked.Increment(ref _count);
    }

    private static string? Tag(Activity activity, string name) => activity.GetTagItem(name) as string;

    public void Dispose() => _listener?.Dispose();
}
