using Microsoft.Extensions.Logging.Abstractions;
using Reintegration.Analytics.Persistence.Audit;
using Reintegration.Analytics.Persistence.Tests.Infrastructure;

namespace Reintegration.Analytics.Persistence.Tests;

/// <summary>The audit log on both backends: concurrent appends committed in groups, filtered reads, and no way to change a row.</summary>
[Collection(StorageCollection.Name)]
public sealed class AuditLogTests(StorageFixture fixture)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Theory, BothBackends]
    public async Task Concurrent_appends_are_all_stored_and_read_back_filtered_in_order(DatabaseBackend backend)
    {
        await using var db = await fixture.CreateDatabaseAsync(backend);
        await using var log = new AuditLog(db.Storage, NullLogger<AuditLog>.Instance);
        var entries = Enumerable.Range(0, 300).Select(i => new AuditEntry(0, Start.AddSeconds(i), i % 3 == 0 ? "sen-ingest" : "admin",
            i % 3 == 0 ? "ingest" : "admin", "put.survey", $"caseId=c{i} surveyId=s1", i % 10 == 0 ? 403 : 200,
            i % 2 == 0 ? null : $"n={i}")).ToList();

        await Task.WhenAll(entries.Select(log.AppendAsync));

        var all = await log.ReadAsync(new AuditQuery(null, null, null, 0, 1000));
        Assert.Equal(300, all.Count);
        Assert.Equal(all.Select(e => e.Id).Order(), all.Select(e => e.Id));
        Assert.Equal(entries.OrderBy(e => e.Target), all.Select(e => e with { Id = 0 }).OrderBy(e => e.Target));

        var window = await log.ReadAsync(new AuditQuery(Start.AddSeconds(30), Start.AddSeconds(60), "sen-ingest", 0, 1000));
        Assert.Equal(10, window.Count); // seconds 30, 33, ..., 57
        Assert.All(window, e => Assert.Equal("sen-ingest", e.Caller));

        var page = await log.ReadAsync(new AuditQuery(null, null, null, all[99].Id, 50));
        Assert.Equal(all.Skip(100).Take(50), page);
    }

    [Theory, BothBackends]
    public async Task Rows_cannot_be_changed_or_deleted(DatabaseBackend backend)
    {
        await using var db = await fixture.CreateDatabaseAsync(backend);
        await using (var log = new AuditLog(db.Storage, NullLogger<AuditLog>.Instance))
            await log.AppendAsync(new AuditEntry(0, Start, "admin", "admin", "snapshot.delete", "id=s1", 204, null));

        var update = await Record.ExceptionAsync(() => db.ExecuteAsync("UPDATE audit_log SET outcome = 500"));
        Assert.Contains("append-only", update?.Message);
        var delete = await Record.ExceptionAsync(() => db.ExecuteAsync("DELETE FROM audit_log"));
        Assert.Contains("append-only", delete?.Message);
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM audit_log WHERE outcome = 204"));
    }
}
