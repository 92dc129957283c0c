using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Returnees;
using Reintegration.Analytics.Grains.Storage;
using Reintegration.Analytics.Persistence.Journal;
using Reintegration.Analytics.Persistence.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Reintegration.Analytics.Persistence.Tests;

/// <summary>The returnee journal (group commit), the community membership rows it keeps, and the community directory.</summary>
[Collection(StorageCollection.Name)]
public sealed class JournalTests(StorageFixture fixture, ITestOutputHelper output)
{
    private static readonly DateOnly Day = new(2025, 3, 1);

    /// <summary>Time for the journal's writer to take what is queued and block on the held lock.</summary>
    private static readonly TimeSpan WriterPickUp = TimeSpan.FromMilliseconds(500);

    [Theory, BothBackends]
    public async Task Concurrent_appends_all_become_durable_in_order_with_the_latest_membership_per_case(DatabaseBackend backend)
    {
        await using var db = await fixture.CreateDatabaseAsync(backend);
        await using var journal = NewJournal(db);
        const int cases = 200, versions = 10;
        var entries = Enumerable.Range(0, cases)
            .SelectMany(c => Enumerable.Range(1, versions).Select(v => Entry($"case-{c}", v, $"community-{c % 7}")))
            .ToList();

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(entries.Select(e => Task.Run(() => journal.AppendAsync([e]))));
        clock.Stop();

        var statistics = journal.Statistics;
        output.WriteLine(
            $"{backend}: {statistics.Records} records in {statistics.Batches} batches and {statistics.Statements} statements " +
            $"({(double)statistics.Statements / statistics.Records:F4} statements per record, " +
            $"{(double)statistics.Records / statistics.Batches:F1} records per batch) in {clock.ElapsedMilliseconds} ms");
        Assert.Equal(cases * versions, statistics.Records);
        Assert.True(statistics.Statements * 10 <= statistics.Records,
            $"{statistics.Statements} statements for {statistics.Records} records: group commit did not group");

        Assert.Equal(cases * versions, await db.CountAsync("SELECT count(*) FROM returnee_journal"));
        foreach (var c in new[] { 0, 1, 99, 199 })
        {
            var changes = await journal.ReadAfterAsync($"case-{c}", 0);
            Assert.Equal(Enumerable.Range(1, versions).Select(v => $"a{v}"), changes.Cast<AssistanceChange>().Select(a => a.AssistanceId));
        }

        var members = await db.QueryAsync("SELECT case_id, community_id, version, contribution FROM community_members");
        Assert.Equal(cases, members.Count);
        Assert.All(members, m =>
        {
            Assert.Equal((long)versions, Convert.ToInt64(m[2]));
            var contribution = Serialization.Serializer.Deserialize<ReturneeContribution>((byte[])m[3]!)!;
            Assert.Equal((string)m[0]!, contribution.CaseId);
            Assert.Equal((string)m[1]!, contribution.CommunityId);
            Assert.Equal((long)versions, contribution.Version);
        });
    }

    [Theory, BothBackends]
    public async Task Appending_a_version_already_journaled_fails_with_a_conflict_and_the_rest_of_its_batch_commits(DatabaseBackend backend)
    {
        await using var db = await fixture.CreateDatabaseAsync(backend);
        await using var journal = NewJournal(db);
        await journal.AppendAsync([Entry("a", 1, "x", amount: 10m)]);
        var batchesBefore = journal.Statistics.Batches;

        Task filler, duplicate, next, other;
        await using (await db.BlockJournalWritesAsync())
        {
            filler = journal.AppendAsync([Entry("filler", 1, "x")]);
            await Task.Delay(WriterPickUp);
            duplicate = journal.AppendAsync([Entry("a", 1, "y", amount: 99m)]); // another activation's version 1
            next = journal.AppendAsync([Entry("a", 2, "x")]);
            other = journal.AppendAsync([Entry("b", 1, "x")]);
            await Task.Delay(100);
            Assert.False(filler.IsCompleted);
        }

        var conflict = await Assert.ThrowsAsync<JournalConflictException>(() => duplicate);
        Assert.Equal("a", conflict.CaseId);
        Assert.DoesNotContain("'a'", conflict.Message); // the message may reach logs above debug level
        await next;
        await other;
        await filler; // its batch may finish last: both waited on the same lock
        // The filler's batch, then the three (in one batch, or split over the concurrent committers).
        Assert.InRange(journal.Statistics.Batches, batchesBefore + 2, batchesBefore + 1 + 3 * journal.Committers);

        // The first version 1 stands; the rejected one left no trace.
        var changes = (await journal.ReadAfterAsync("a", 0)).Cast<AssistanceChange>().ToList();
        Assert.Equal(["a1", "a2"], changes.Select(c => c.AssistanceId));
        Assert.Equal(10m, changes[0].Record.AmountUsd);
        var members = await MembersAsync(db);
        Assert.Equal(("x", 2L), members["a"]);
        Assert.Equal(("x", 1L), members["b"]);
    }

    [Theory, BothBackends]
    public async Task An_append_of_several_versions_with_one_already_journaled_leaves_none_of_them(DatabaseBackend backend)
    {
        // A later version must not follow a version its activation did not write: the append is whole or not at all.
        await using var db = await fixture.CreateDatabaseAsync(backend);
        await using var journal = NewJournal(db);
        await journal.AppendAsync([Entry("a", 1, "x", amount: 10m)]);

        Task filler, stale, whole;
        await using (await db.BlockJournalWritesAsync())
        {
            filler = journal.AppendAsync([Entry("filler", 1, "x")]);
            await Task.Delay(WriterPickUp);
            stale = journal.AppendAsync([Entry("a", 1, "y", amount: 99m), Entry("a", 2, "y", amount: 98m), Entry("a", 3, "y")]);
            whole = journal.AppendAsync([Entry("b", 1, "x"), Entry("b", 2, "y", amount: 5m)]);
        }

        await Assert.ThrowsAsync<JournalConflictException>(() => stale);
        await whole;
        await filler;
        var a = (AssistanceChange)Assert.Single(await journal.ReadAfterAsync("a", 0));
        Assert.Equal(10m, a.Record.AmountUsd);
        Assert.Equal(["a1", "a2"], await IdsAfterAsync(journal, "b", 0));
        var members = await MembersAsync(db);
        Assert.Equal(("x", 1L), members["a"]);
        Assert.Equal(("y", 2L), members["b"]);
    }

    [Theory, BothBackends]
    public async Task Two_appends_of_the_same_version_in_one_batch_are_not_both_acknowledged(DatabaseBackend backend)
    {
        // IReturneeJournal: "Throws JournalConflictException if that version is already journaled."
        // When both appends land in the same batch, only one of them can be what the journal holds.
        await using var db = await fixture.CreateDatabaseAsync(backend);
        await using var journal = NewJournal(db);

        Task first, second;
        await using (await db.BlockJournalWritesAsync())
        {
            var filler = journal.AppendAsync([Entry("filler", 1, "x")]);
            await Task.Delay(WriterPickUp);
            first = journal.AppendAsync([Entry("a", 1, "x", amount: 1m)]);
            second = journal.AppendAsync([Entry("a", 1, "y", amount: 2m)]);
        }

        var outcomes = await Task.WhenAll(Outcome(first), Outcome(second));
        var stored = (AssistanceChange)Assert.Single(await journal.ReadAfterAsync("a", 0));
        var summary = $"{backend}: first append (amount 1) {outcomes[0]}, second append (amount 2) {outcomes[1]}; " +
                      $"the journal holds amount {stored.Record.AmountUsd}";
        output.WriteLine(summary);
        Assert.True(outcomes.Count(o => o == "ok") == 1 && outcomes.Count(o => o == nameof(JournalConflictException)) == 1,
            $"Expected one acknowledgement and one JournalConflictException. {summary}");
        Assert.Equal(outcomes[0] == "ok" ? 1m : 2m, stored.Record.AmountUsd); // the acknowledged append is the one kept
    }

    [Theory, BothBackends]
    public async Task Two_silos_racing_on_the_same_versions_get_one_winner_per_version_and_conflicts_for_the_rest(DatabaseBackend backend)
    {
        // Two journals (two silos) on one database, each briefly hosting an activation of the same cases
        // (e.g. during a membership change), append the same versions with different content at once.
        await using var db = await fixture.CreateDatabaseAsync(backend);
        await using var left = NewJournal(db);
        await using var right = NewJournal(db);
        const int cases = 200;
        var caseIds = Enumerable.Range(0, cases).Select(c => $"case-{c:D4}").ToList();

        Task<string>[] leftOutcomes, rightOutcomes, innocent;
        // PostgreSQL: this test holds an uncommitted journal row of the middle case, so that both batches are
        // certainly in flight together (each stops at that row) when it goes away. The fillers are held back by a
        // lock on community_members (they get past the journal insert, so they do not touch the middle row).
        // SQLite: one writer at a time anyway; the held write lock only makes both batches queue up.
        await using var middle = db.Backend == DatabaseBackend.PostgreSql
            ? await db.HoldAsync("INSERT INTO returnee_journal (case_id, version, change) VALUES (@case, 1, @change)",
                ("@case", caseIds[cases / 2]), ("@change", new byte[] { 0 }))
            : null;
        await using (db.Backend == DatabaseBackend.PostgreSql
                         ? await db.HoldAsync("LOCK TABLE community_members IN EXCLUSIVE MODE")
                         : await db.BlockJournalWritesAsync())
        {
            var fillers = new[] { left.AppendAsync([Entry("filler-left", 1, "x")]), right.AppendAsync([Entry("filler-right", 1, "x")]) };
            await Task.Delay(WriterPickUp);
            // Same cases, opposite order, different content (amount 1 from the left, 2 from the right).
            leftOutcomes = caseIds.Select(c => Outcome(left.AppendAsync([Entry(c, 1, "left", amount: 1m)]))).ToArray();
            rightOutcomes = Enumerable.Reverse(caseIds)
                .Select(c => Outcome(right.AppendAsync([Entry(c, 1, "right", amount: 2m)]))).Reverse().ToArray();
            // The right silo's batch also carries changes of other returnees, which conflict with nothing.
            innocent = Enumerable.Range(0, 10).Select(i => Outcome(right.AppendAsync([Entry($"innocent-{i}", 1, "right")]))).ToArray();
            Assert.DoesNotContain(fillers, f => f.IsCompleted);
        }
        if (middle is not null)
        {
            await Task.Delay(WriterPickUp); // both batches reach the middle row and wait for it
            await middle.DisposeAsync();
        }

        var leftResults = await Task.WhenAll(leftOutcomes);
        var rightResults = await Task.WhenAll(rightOutcomes);
        var innocentResults = await Task.WhenAll(innocent);
        var members = await MembersAsync(db);
        var journaled = (await db.QueryAsync("SELECT case_id, change FROM returnee_journal")).ToLookup(
            r => (string)r[0]!, r => (AssistanceChange)Serialization.Serializer.Deserialize<ReturneeChange>((byte[])r[1]!)!);
        var failures = new List<string>();
        for (var i = 0; i < cases; i++)
        {
            var (l, r) = (leftResults[i], rightResults[i]);
            var stored = journaled[caseIds[i]].Single();
            var winner = l == "ok" && r == nameof(JournalConflictException) ? 1m
                : r == "ok" && l == nameof(JournalConflictException) ? 2m
                : (decimal?)null;
            if (winner is null || stored.Record.AmountUsd != winner || members[caseIds[i]].Community != (winner == 1m ? "left" : "right"))
                failures.Add($"{caseIds[i]}: left {l}, right {r}, journal holds amount {stored.Record.AmountUsd}, member of {members[caseIds[i]].Community}");
        }
        output.WriteLine($"{backend}: left won {leftResults.Count(o => o == "ok")}, right won {rightResults.Count(o => o == "ok")}, " +
                         $"{failures.Count} cases with another outcome");
        foreach (var failure in failures.Take(5)) output.WriteLine(failure);
        output.WriteLine($"unrelated appends in the right silo's batch: {string.Join(", ", innocentResults.Distinct())}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} cases did not end with one acknowledgement and one conflict, e.g. {failures.FirstOrDefault()}");
        Assert.All(innocentResults, o => Assert.Equal("ok", o));
    }

    [Theory, BothBackends]
    public async Task ReadAfter_returns_only_later_versions_of_that_case_in_version_order(DatabaseBackend backend)
    {
        await using var db = await fixture.CreateDatabaseAsync(backend);
        await using var journal = NewJournal(db);
        const long big = 5_000_000_000; // beyond Int32
        // Appended newest first, and interleaved with another case.
        foreach (var version in new long[] { big, 5, 4, 3, 2, 1 })
        {
            await journal.AppendAsync([Entry("r", version, "x")]);
            await journal.AppendAsync([Entry("r-other", version, "x")]);
        }

        Assert.Equal(["a1", "a2", "a3", "a4", "a5", $"a{big}"], await IdsAfterAsync(journal, "r", 0));
        Assert.Equal(["a3", "a4", "a5", $"a{big}"], await IdsAfterAsync(journal, "r", 2));
        Assert.Equal([$"a{big}"], await IdsAfterAsync(journal, "r", 5));
        Assert.Empty(await IdsAfterAsync(journal, "r", big));
        Assert.Empty(await IdsAfterAsync(journal, "nobody", 0));
        Assert.Empty(await IdsAfterAsync(journal, "R", 0)); // case ids are case-sensitive
    }

    [Theory, BothBackends]
    public async Task Concurrent_reads_answered_together_each_get_their_own_case_and_versions(DatabaseBackend backend)
    {
        await using var db = await fixture.CreateDatabaseAsync(backend);
        await using var journal = NewJournal(db);
        const int cases = 350;
        // Case c has c % 5 + 1 versions.
        await Task.WhenAll(Enumerable.Range(0, cases)
            .SelectMany(c => Enumerable.Range(1, c % 5 + 1).Select(v => Entry($"case-{c}", v, "x")))
            .Select(e => Task.Run(() => journal.AppendAsync([e]))));

        // More requests than one read batch (500) and one SQLite statement (300), the same case more
        // than once with different versions, and cases with nothing to read.
        var requests = Enumerable.Range(0, cases).SelectMany(c => new[] { ($"case-{c}", 0L), ($"case-{c}", (long)(c % 3)) })
            .Append(("case-none", 0L))
            .ToList();
        var answers = await Task.WhenAll(requests.Select(r => Task.Run(() => IdsAfterAsync(journal, r.Item1, r.Item2))));

        for (var i = 0; i < requests.Count; i++)
        {
            var (caseId, after) = requests[i];
            var last = caseId == "case-none" ? 0 : int.Parse(caseId["case-".Length..]) % 5 + 1;
            var expected = Enumerable.Range(1, last).Where(v => v > after).Select(v => $"a{v}").ToList();
            Assert.True(expected.SequenceEqual(answers[i]), $"{caseId} after {after}: [{string.Join(", ", answers[i])}], expected [{string.Join(", ", expected)}]");
        }
    }

    [Theory, BothBackends]
    public async Task Community_members_hold_the_latest_contribution_per_case_and_follow_a_case_that_moved(DatabaseBackend backend)
    {
        await using var db = await fixture.CreateDatabaseAsync(backend);
        await using var journal = NewJournal(db);
        var members = new CommunityMembers(db.Storage, Serialization.Serializer);
        foreach (var (caseId, version, community) in new[]
                 {
                     ("a", 1L, "north"), ("a", 2L, "north"), ("a", 3L, "north"),
                     ("b", 1L, "north"), ("b", 2L, "north"),
                     ("c", 1L, "south"),
                     ("d", 1L, "northern"), // a community whose id starts like another's
                 })
            await journal.AppendAsync([Entry(caseId, version, community)]);

        Assert.Equal([("a", 3L), ("b", 2L)], await LoadAsync(members, "north"));
        Assert.Equal([("c", 1L)], await LoadAsync(members, "south"));
        Assert.Empty(await LoadAsync(members, "nowhere"));

        // b moves south; it is no longer a member of north.
        await journal.AppendAsync([Entry("b", 3, "south")]);
        Assert.Equal([("a", 3L)], await LoadAsync(members, "north"));
        Assert.Equal([("b", 3L), ("c", 1L)], await LoadAsync(members, "south"));

        // An older version arriving late (e.g. a retry) does not move b back or regress it.
        await journal.AppendAsync([Entry("b", 0, "north")]);
        Assert.Equal([("a", 3L)], await LoadAsync(members, "north"));
        Assert.Equal([("b", 3L), ("c", 1L)], await LoadAsync(members, "south"));
        Assert.Equal([("d", 1L)], await LoadAsync(members, "northern"));
    }

    [Theory, BothBackends]
    public async Task Community_directory_registers_lists_and_moves_communities(DatabaseBackend backend)
    {
        await using var db = await fixture.CreateDatabaseAsync(backend);
        await using var directory = new CommunityDirectory(db.Storage, NullLogger<CommunityDirectory>.Instance);
        Assert.Empty(await directory.CountriesAsync());
        Assert.Empty(await directory.CommunitiesInAsync("SEN"));

        await directory.RegisterAsync("pikine", "SEN");
        await directory.RegisterAsync("dakar", "SEN");
        await directory.RegisterAsync("conakry", "GIN");
        await directory.RegisterAsync("dakar", "SEN"); // idempotent

        Assert.Equal(["dakar", "pikine"], await directory.CommunitiesInAsync("SEN"));
        Assert.Equal(["conakry"], await directory.CommunitiesInAsync("GIN"));
        Assert.Equal(["GIN", "SEN"], await directory.CountriesAsync());

        await directory.RegisterAsync("dakar", "GIN");
        Assert.Equal(["pikine"], await directory.CommunitiesInAsync("SEN"));
        Assert.Equal(["conakry", "dakar"], await directory.CommunitiesInAsync("GIN"));
        Assert.Equal(3, await db.CountAsync("SELECT count(*) FROM communities"));

        await directory.RegisterAsync("pikine", "GIN");
        Assert.Equal(["GIN"], await directory.CountriesAsync());
    }

    [Theory, BothBackends]
    public async Task Concurrent_community_registrations_are_all_listed(DatabaseBackend backend)
    {
        await using var db = await fixture.CreateDatabaseAsync(backend);
        await using var directory = new CommunityDirectory(db.Storage, NullLogger<CommunityDirectory>.Instance);
        string[] countries = ["GIN", "MLI", "SEN"];

        // A bulk import registers its communities all at once; they are committed in groups.
        await Task.WhenAll(Enumerable.Range(0, 600).Select(i => directory.RegisterAsync($"c{i:D3}", countries[i % 3])));

        Assert.Equal(countries, await directory.CountriesAsync());
        foreach (var (country, index) in countries.Select((c, i) => (c, i)))
            Assert.Equal(Enumerable.Range(0, 600).Where(i => i % 3 == index).Select(i => $"c{i:D3}"),
                await directory.CommunitiesInAsync(country));
    }

    [Theory, BothBackends]
    public async Task Appends_queued_behind_a_busy_store_commit_as_one_batch_and_the_statistics_count_its_statements(DatabaseBackend backend)
    {
        await using var db = await fixture.CreateDatabaseAsync(backend);
        await using var journal = NewJournal(db);
        const int cases = 400, versions = 5;
        var entries = Enumerable.Range(0, cases)
            .SelectMany(c => Enumerable.Range(1, versions).Select(v => Entry($"case-{c}", v, "x")))
            .ToList();

        using var statements = StatementCounter.Start(db);
        Task all;
        await using (await db.BlockJournalWritesAsync())
        {
            var filler = journal.AppendAsync([Entry("filler", 1, "x")]);
            await Task.Delay(WriterPickUp);
            all = Task.WhenAll(entries.Select(e => journal.AppendAsync([e])).Append(filler));
        }
        await all;

        var statistics = journal.Statistics;
        output.WriteLine($"{backend}: {statistics.Records} records, {statistics.Batches} batches, {statistics.Statements} statements reported" +
                         (statements.Counted is { } counted ? $", {counted} executed" : ""));
        Assert.Equal(cases * versions + 1, statistics.Records);
        // The filler's batch, then the rest (MaxBatch is 2000) in as many batches as the concurrent
        // committers happened to take while the appends arrived: far fewer than the appends.
        Assert.InRange(statistics.Batches, 2, (cases * versions + 1) / 10);
        Assert.Equal(cases * versions + 1, await db.CountAsync("SELECT count(*) FROM returnee_journal"));

        if (statements.Counted is { } executed)
        {
            Assert.Equal(executed, statistics.Statements);
        }
        else
        {
            // SQLite writes a batch in chunks (300 journal rows, 200 membership rows per statement), so the big
            // batch alone took at least ceil(2000 / 300) + ceil(400 / 200) statements, the filler's batch two more.
            var atLeast = (long)Math.Ceiling(cases * versions / 300.0) + (long)Math.Ceiling(cases / 200.0) + 2;
            Assert.True(statistics.Statements >= atLeast,
                $"Statistics report {statistics.Statements} statements for batches that executed at least {atLeast}");
        }
    }

    private static ReturneeJournal NewJournal(TestDatabase db) =>
        new(db.Storage, Serialization.Serializer, NullLogger<ReturneeJournal>.Instance);

    /// <summary>An assistance change "a{version}" (amount = version unless given) and the case's contribution at that version.</summary>
    private static JournalEntry Entry(string caseId, long version, string community, decimal? amount = null) => new(
        caseId,
        version,
        new AssistanceChange($"a{version}", new AssistanceRecord(Day, "cash", "direct", amount ?? version, null)),
        new ReturneeContribution(caseId, community, "SEN", "female", "25-34", "avrr", [], Day, null, null, false, null, [], [], version, null, [], ReturneeContribution.CurrentDerivation));

    private static async Task<List<string>> IdsAfterAsync(ReturneeJournal journal, string caseId, long version) =>
        (await journal.ReadAfterAsync(caseId, version)).Cast<AssistanceChange>().Select(c => c.AssistanceId).ToList();

    private static async Task<List<(string, long)>> LoadAsync(CommunityMembers members, string communityId) =>
        (await members.LoadAsync(communityId)).Select(c => (c.CaseId, c.Version)).Order().ToList();

    private static async Task<Dictionary<string, (string Community, long Version)>> MembersAsync(TestDatabase db) =>
        (await db.QueryAsync("SELECT case_id, community_id, version FROM community_members"))
        .ToDictionary(r => (string)r[0]!, r => ((string)r[1]!, Convert.ToInt64(r[2])));

    private static async Task<string> Outcome(Task append)
    {
        try
        {
            await append;
            return "ok";
        }
        catch (JournalConflictException)
        {
            return nameof(JournalConflictException);
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name} ({e.InnerException?.Message ?? e.Message})";
        }
    }
}
