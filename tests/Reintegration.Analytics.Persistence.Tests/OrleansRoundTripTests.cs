using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Grains;
using Reintegration.Analytics.Grains.Aggregation;
using Reintegration.Analytics.Grains.Returnees;
using Reintegration.Analytics.Persistence.Tests.Infrastructure;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Persistence.Tests;

/// <summary>
/// Real silos on the real store: what one cluster acknowledged, a new cluster on the same database
/// serves identically — returnees rebuilt from checkpoint + journal, communities from their
/// membership rows — after a graceful stop and after a crash.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class OrleansRoundTripTests(StorageFixture fixture)
{
    private const int CheckpointEvery = 3;
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static readonly string[] Cases = ["rt-0", "rt-1", "rt-2", "rt-3", "rt-busy", "rt-mover"];
    private static readonly string[] Communities = ["rt.pikine", "rt.thies"];

    [Theory, BothBackends]
    public async Task Returnees_and_community_reports_come_back_identical_after_a_stop_and_after_a_crash(DatabaseBackend backend)
    {
        // No migration here: the silo's DatabaseMigrationService brings the empty database up to date itself.
        await using var db = await fixture.CreateDatabaseAsync(backend, migrated: false);
        var serviceId = $"roundtrip-{Guid.NewGuid():N}";

        // 1. First cluster: communities, returnees, surveys, assistance, a plan, and a case moving community.
        Snapshot acknowledged;
        await using (var first = await Silo.StartAsync(db.Storage, serviceId))
        {
            var grains = first.Grains;
            await Applied(grains.Community("rt.pikine").PutProfile(new CommunityProfile("SEN", "Pikine", null, null, null)));
            await Applied(grains.Community("rt.thies").PutProfile(new CommunityProfile("SEN", "Thiès", "Thiès", 14.79, -16.93)));

            for (var i = 0; i < 4; i++)
            {
                var returnee = grains.Returnee($"rt-{i}");
                await Applied(returnee.PutProfile(Profile("rt.pikine", age: 20 + 7 * i)));
                await Applied(returnee.PutSurvey("baseline", UniformSurvey.Of(Today.AddDays(-90), "baseline", (1 + i).ToString())));
                await Applied(returnee.PutSurvey("m3", UniformSurvey.Of(Today.AddDays(-10), "m3", (5 - i % 2).ToString())));
                await Applied(returnee.PutAssistance("a1", new AssistanceRecord(Today.AddDays(-60), i % 2 == 0 ? "cash" : "housing", "direct", 150.25m * (i + 1), 4)));
            }
            await Applied(grains.Returnee("rt-0").PutPlan(new PlanDates(Today.AddDays(-80), Today.AddDays(-70), null, null, null)));

            // More than CheckpointEvery changes: 1 profile + 10 surveys + 9 assistance = version 20, checkpoints at 3, 6, …, 18.
            var busy = grains.Returnee("rt-busy");
            await Applied(busy.PutProfile(Profile("rt.pikine", age: 41)));
            for (var s = 1; s <= 10; s++)
                await Applied(busy.PutSurvey($"s{s:D2}", UniformSurvey.Of(Today.AddDays(-100 + 9 * s), s == 1 ? "baseline" : "m3", (1 + s % 5).ToString())));
            for (var a = 1; a <= 9; a++)
                await Applied(busy.PutAssistance($"a{a}", new AssistanceRecord(Today.AddDays(-50 + a), a % 3 == 0 ? "vocational_training" : "in_kind", "referral", a * 10m, null)));

            var mover = grains.Returnee("rt-mover");
            await Applied(mover.PutProfile(Profile("rt.pikine", age: 33)));
            await Applied(mover.PutSurvey("baseline", UniformSurvey.Of(Today.AddDays(-30), "baseline", "2")));
            await Applied(mover.PutProfile(Profile("rt.thies", age: 33)));

            acknowledged = await Snapshot.TakeAsync(grains);
            Assert.Equal(5, acknowledged.Reports["rt.pikine"].Summary.All.Returnees);
            Assert.Equal(1, acknowledged.Reports["rt.thies"].Summary.All.Returnees);

            // The checkpoint lags the journal, as designed: activation replays the tail.
            Assert.Equal(20, await JournaledVersionAsync(db, "rt-busy"));
            Assert.Equal(18, await CheckpointVersionAsync(db, serviceId, "rt-busy"));
        }

        // Graceful stop writes no checkpoint (one storage write per case would make idle collection after an import costly):
        // versions 19 and 20 stay in the journal tail.
        Assert.Equal(18, await CheckpointVersionAsync(db, serviceId, "rt-busy"));

        // 2. Second cluster on the same database.
        Snapshot beforeCrash;
        await using (var second = await Silo.StartAsync(db.Storage, serviceId))
        {
            var grains = second.Grains;
            // Communities first, before any returnee is activated: rebuilt from the membership rows alone.
            await AssertSameReportsAsync(acknowledged, grains);
            AssertSame(acknowledged, await Snapshot.TakeAsync(grains));

            // Activation replays 19 and 20; five more changes: checkpoints at 21 and 24, version 25 only in the journal.
            var busy = grains.Returnee("rt-busy");
            for (var s = 11; s <= 15; s++)
                await Applied(busy.PutSurvey($"s{s:D2}", UniformSurvey.Of(Today.AddDays(-100 + 6 * s), "m3", (1 + s % 5).ToString())));
            await Applied(grains.Returnee("rt-3").PutProfile(Profile("rt.thies", age: 41))); // moves
            beforeCrash = await Snapshot.TakeAsync(grains);
            Assert.Equal(4, beforeCrash.Reports["rt.pikine"].Summary.All.Returnees);
            Assert.Equal(2, beforeCrash.Reports["rt.thies"].Summary.All.Returnees);
            Assert.Equal(25, await JournaledVersionAsync(db, "rt-busy"));
            Assert.Equal(24, await CheckpointVersionAsync(db, serviceId, "rt-busy"));

            await second.KillAsync();
        }
        // Version 25 exists only in the journal.
        Assert.Equal(24, await CheckpointVersionAsync(db, serviceId, "rt-busy"));

        // 3. Third cluster after the crash: whatever the checkpoint missed comes from the journal.
        await using (var third = await Silo.StartAsync(db.Storage, serviceId))
        {
            await AssertSameReportsAsync(beforeCrash, third.Grains);
            AssertSame(beforeCrash, await Snapshot.TakeAsync(third.Grains));
            var view = await third.Grains.Returnee("rt-busy").Get(Today);
            Assert.Equal(15, view!.Surveys.Count);
            Assert.Equal(9, view.Assistance.Count);
        }
    }

    private static async Task AssertSameReportsAsync(Snapshot expected, IGrainFactory grains)
    {
        foreach (var community in Communities)
            Assert.Equal(expected.ReportJson[community], Snapshot.Json((await grains.Community(community).GetReport())!));
    }

    private static void AssertSame(Snapshot expected, Snapshot actual)
    {
        Assert.Equal(expected.ReturneeJson, actual.ReturneeJson);
        Assert.Equal(expected.ReportJson, actual.ReportJson);
    }

    private static async Task Applied(Task<WriteResult> write) => Assert.Equal(WriteStatus.Applied, (await write).Status);

    private static async Task<long> JournaledVersionAsync(TestDatabase db, string caseId) =>
        await db.CountAsync("SELECT max(version) FROM returnee_journal WHERE case_id = @case", ("@case", caseId));

    /// <summary>The returnee's version in its grain storage checkpoint row (written through Orleans' ADO.NET provider).</summary>
    private static async Task<long?> CheckpointVersionAsync(TestDatabase db, string serviceId, string caseId)
    {
        var rows = await db.QueryAsync(
            "SELECT payloadbinary FROM orleansstorage WHERE graintypestring = 'returnee' AND grainidextensionstring = @key AND serviceid = @service",
            ("@key", $"returnee:{caseId}"), ("@service", serviceId));
        if (rows.Count == 0 || rows[0][0] is not byte[] payload) return null;
        var storageSerializer = new OrleansGrainStorageSerializer(Serialization.Serializer);
        return storageSerializer.Deserialize<ReturneeCheckpoint>(BinaryData.FromBytes(payload))!.Case.Version;
    }

    private static ReturneeProfile Profile(string communityId, int age) =>
        new("SEN", communityId, age % 2 == 0 ? "female" : "male", age, Today.AddDays(-400 + age), "avrr", "LBY", 14, age > 30 ? ["disability"] : []);


    /// <summary>What clients see: every returnee's view, and every community report (without its clock-based report version).</summary>
    private sealed record Snapshot(
        IReadOnlyDictionary<string, string> ReturneeJson,
        IReadOnlyDictionary<string, string> ReportJson,
        IReadOnlyDictionary<string, Domain.Aggregation.CommunityReport> Reports)
    {
        public static string Json(Domain.Aggregation.CommunityReport report) => Canonical.Json(report with { Version = 0 });

        public static async Task<Snapshot> TakeAsync(IGrainFactory grains)
        {
            var returnees = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var caseId in Cases)
                returnees[caseId] = Canonical.Json(await grains.Returnee(caseId).Get(Today) ?? throw new InvalidOperationException($"{caseId} is missing"));
            var reports = new Dictionary<string, Domain.Aggregation.CommunityReport>();
            foreach (var community in Communities)
                reports[community] = await grains.Community(community).GetReport() ?? throw new InvalidOperationException($"{community} is missing");
            return new Snapshot(returnees, new SortedDictionary<string, string>(reports.ToDictionary(r => r.Key, r => Json(r.Value)), StringComparer.Ordinal), reports);
        }
    }

    /// <summary>A one-silo in-process cluster on the service's storage.</summary>
    private sealed class Silo : IAsyncDisposable
    {
        private readonly InProcessTestCluster _cluster;
        private bool _stopped;

        private Silo(InProcessTestCluster cluster) => _cluster = cluster;

        public IGrainFactory Grains => _cluster.Client;

        public static async Task<Silo> StartAsync(StorageOptions storage, string serviceId)
        {
            var builder = new InProcessTestClusterBuilder(1);
            builder.Options.ServiceId = serviceId; // grain storage rows are keyed by service id: it must survive restarts
            builder.ConfigureSilo((_, silo) =>
            {
                silo.UseReintegrationStorage(storage);
                silo.UseLocalhostClustering();
                silo.Services.AddSingleton(RegionMap.Default);
                silo.Services.AddAggregation();
                silo.Services.Configure<AggregationOptions>(o =>
                {
                    o.CheckpointEvery = CheckpointEvery;
                    o.PushDelay = TimeSpan.FromMilliseconds(50);
                });
            });
            var cluster = builder.Build();
            await cluster.DeployAsync();
            return new Silo(cluster);
        }

        /// <summary>Stops the silo without a graceful shutdown, as a crash would.</summary>
        public async Task KillAsync()
        {
            await _cluster.KillClientAsync();
            foreach (var silo in _cluster.Silos.ToList()) await _cluster.KillSiloAsync(silo);
            _stopped = true;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_stopped) await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }
    }
}
