using Reintegration.Analytics.Domain.Snapshots;
using Reintegration.Analytics.Persistence.Snapshots;
using Reintegration.Analytics.Persistence.Tests.Infrastructure;

namespace Reintegration.Analytics.Persistence.Tests;

/// <summary>Snapshots as rows on both backends: stored once, read back identical in table order, listed, failed, deleted.</summary>
[Collection(StorageCollection.Name)]
public sealed class SnapshotStoreTests(StorageFixture fixture)
{
    private static readonly DateTimeOffset TakenAt = new(2026, 11, 27, 10, 15, 30, 123, TimeSpan.Zero);

    [Theory, BothBackends]
    public async Task A_snapshot_reads_back_exactly_as_it_was_stored(DatabaseBackend backend)
    {
        await using var db = await fixture.CreateDatabaseAsync(backend);
        var store = new SnapshotStore(db.Storage);
        var info = Info("s1");
        await store.CreateAsync(info);
        Assert.Equal(SnapshotInfo.Building, (await store.FindAsync("s1"))!.Status);
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM snapshot_rows"));

        var rows = Enumerable.Range(0, 2500).Select(i => new SnapshotRow("community", $"c{i:D5}", $"Name, \"{i}\"", "SEN", "WCA",
            "score_composite_mean", "total", i % 7 == 0 ? null : i / 3.0, i * 0.1, i, i % 7 == 0 ? null : i, i % 7 == 0)).ToList();
        await store.CompleteAsync("s1", rows, TakenAt.AddSeconds(2));

        var stored = await store.FindAsync("s1");
        Assert.Equal(info with { Status = SnapshotInfo.Ready, CompletedAt = TakenAt.AddSeconds(2), Rows = rows.Count }, stored);
        var read = new List<SnapshotRow>();
        await foreach (var row in store.ReadRowsAsync("s1")) read.Add(row);
        Assert.Equal(rows, read);
    }

    [Theory, BothBackends]
    public async Task Snapshots_are_listed_failed_and_deleted(DatabaseBackend backend)
    {
        await using var db = await fixture.CreateDatabaseAsync(backend);
        var store = new SnapshotStore(db.Storage);
        await store.CreateAsync(Info("old"));
        await store.CreateAsync(Info("new") with { TakenAt = TakenAt.AddHours(1) });
        var row = new SnapshotRow("global", "global", "Global", null, null, "returnees", "total", 7, null, null, 7, false);
        await store.CompleteAsync("new", [row], TakenAt.AddHours(1));

        Assert.Equal(1, await store.FailStaleAsync(TakenAt.AddMinutes(30)));
        var list = await store.ListAsync();
        Assert.Equal(["old", "new"], list.Select(s => s.Id));
        Assert.Equal(SnapshotInfo.Failed, list[0].Status);
        Assert.NotNull(list[0].Error);
        Assert.Equal(SnapshotInfo.Ready, list[1].Status);

        Assert.True(await store.DeleteAsync("new"));
        Assert.False(await store.DeleteAsync("new"));
        Assert.Null(await store.FindAsync("new"));
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM snapshot_rows"));
    }

    private static SnapshotInfo Info(string id) =>
        new(id, "Q4 2026", "global", SnapshotInfo.Building, TakenAt, null, 5, "rss-default-v1", null, null);
}
