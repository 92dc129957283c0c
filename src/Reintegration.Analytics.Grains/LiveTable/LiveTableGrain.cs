using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Disclosure;
using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Domain.Snapshots;
using Reintegration.Analytics.Grains.Aggregation;
using Reintegration.Analytics.Grains.Storage;

namespace Reintegration.Analytics.Grains.LiveTable;

/// <summary>
/// Holds what each country last reported (its communities' reports, which are immutable and shared with the country
/// grain on the same silo) and the programme protected from it (<see cref="ProtectedProgramme"/>). The whole programme is
/// protected again (only changed families, see <see cref="ProtectionMemo"/>) at most once per
/// <see cref="AggregationOptions.ProtectionDelay"/>, on the thread pool; reads interleave meanwhile and are answered from
/// the table protected last, whose figures and hidden cells belong together. Until a table has shown every country
/// complete (after activation), a build reads the changed countries itself; after that, two lanes read them and protect
/// their families beside the builds (<see cref="FamilyLane"/>), and a build takes the families ready, so that a small
/// country's change is not held back by a large country's family during an import. Holds nothing durable: on activation
/// it reads every country of the directory.
/// </summary>
[Reentrant]
public sealed class LiveTableGrain : Grain, ILiveTableGrain
{
    private const int ParallelCountries = 8;
    private static readonly TimeSpan RecoveryWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RecoveryPoll = TimeSpan.FromMilliseconds(200);

    private readonly RegionMap _regions;
    private readonly ICommunityDirectory _directory;
    private readonly LiveTablePublisher _publisher;
    private readonly AggregateFreshness _freshness;
    private readonly ILogger<LiveTableGrain> _logger;
    private readonly int _minimumCellSize;
    private readonly TimeSpan _delay;
    private readonly ProtectionMemo _memo = new();

    /// <summary>What each country reported when last read.</summary>
    private readonly Dictionary<string, SnapshotCountry> _countries = new(StringComparer.Ordinal);

    /// <summary>Countries to read again, each with since when its oldest change waits (for the freshness metric).</summary>
    private readonly Dictionary<string, DateTimeOffset> _changed = new(StringComparer.Ordinal);

    /// <summary>Families the lanes protected since the last build, each with since when its oldest change waits.</summary>
    private readonly Dictionary<string, (PreparedFamily Family, DateTimeOffset Since)> _prepared = new(StringComparer.Ordinal);

    private readonly FamilyLane[] _lanes = [new(large: false), new(large: true)];

    /// <summary>When a lane last failed to read or protect each country: its lane orders it as a change of then.</summary>
    private readonly Dictionary<string, DateTimeOffset> _failedAt = new(StringComparer.Ordinal);

    /// <summary>Set once deactivating: a lane still running must not register a wait the next activation cannot clear.</summary>
    private bool _deactivated;

    /// <summary>Since when the oldest change the running build will show waits.</summary>
    private DateTimeOffset? _buildingSince;

    private ProtectedProgramme? _table;

    /// <summary>The day to protect for: the latest day a reader asked about or the clock shows (never back).</summary>
    private DateOnly _day = Today;
    private Task _build = Task.CompletedTask;
    private bool _building;
    private IGrainTimer? _timer;
    private DateTime _lastBuildEnded = DateTime.MinValue;

    /// <summary>How long the last build protected and published (its reads wait on the countries, not on a core).</summary>
    private TimeSpan _lastWorkTook;

    /// <summary>Whether a table with every country complete was published since activation (protection then keeps a core free).</summary>
    private bool _shownComplete;

    /// <summary>When the table was activated: see <see cref="AwaitRecoveringAsync"/>.</summary>
    private DateTime _activated;

    public LiveTableGrain(RegionMap regions, ICommunityDirectory directory, IReadModel readModel,
        IOptions<DisclosureOptions> disclosure, IOptions<AggregationOptions> options, AggregateFreshness freshness,
        ILogger<LiveTableGrain> logger)
    {
        _regions = regions;
        _directory = directory;
        _publisher = new LiveTablePublisher(readModel, regions);
        _freshness = freshness;
        _logger = logger;
        _minimumCellSize = disclosure.Value.MinimumCellSize;
        _delay = options.Value.ProtectionDelay;
    }

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _activated = DateTime.UtcNow;
        foreach (var country in await _directory.CountriesAsync()) _changed[country] = _freshness.Now;
        Schedule();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The next activation reads every country again: nothing waits for this one.
        _deactivated = true;
        _freshness.Done(this);
        return Task.CompletedTask;
    }

    public Task CountryChanged(string country, DateTimeOffset? pendingSince)
    {
        Changed(country, pendingSince ?? _freshness.Now);
        return Task.CompletedTask;
    }

    public async Task<ProtectedReport<GlobalReport>> GetGlobal(DateOnly today) => Stamped((await TableFor(today)).Global, Current);

    public async Task<ProtectedReport<RegionReport>> GetRegion(string region, DateOnly today)
    {
        var table = await TableFor(today);
        return Stamped(table.Regions.GetValueOrDefault(region)
            ?? new(new RegionReport(region, AggregateSummary.MergeAll([]), [], 0), HiddenCells.None, table.Day, table.AsOf), Current);
    }

    public async Task<IReadOnlyList<ProtectedReport<CountryReport>>> GetCountries(IReadOnlyList<string> countries, DateOnly today)
    {
        var table = await TableFor(today);
        var reports = new List<ProtectedReport<CountryReport>>(countries.Count);
        foreach (var country in countries)
            reports.Add(table.Countries.GetValueOrDefault(country) ?? await NotInTableAsync(country, table));
        var current = Current;
        return reports.Select(r => Stamped(r, current)).ToList();
    }

    public async Task<ProtectedReport<CommunityReport>?> GetCommunity(string communityId, DateOnly today) =>
        (await TableFor(today)).Communities.GetValueOrDefault(communityId) is { } community ? Stamped(community, Current) : null;

    public async Task<IReadOnlyList<ProtectedReport<CommunityReport>>> GetCommunities(string country, DateOnly today)
    {
        var communities = (await TableFor(today)).CommunitiesOf(country);
        var current = Current;
        return communities.Select(c => Stamped(c, current)).ToList();
    }

    public async Task RefreshReadModel(DateOnly today)
    {
        var table = await TableFor(today);
        // A table of an earlier day is being protected again for today, and that build writes every row.
        if (table.Day >= today) await Task.Run(() => _publisher.PublishAll(table));
    }

    /// <summary>
    /// A country the table does not hold: one without communities (its directory lists countries with communities) that
    /// has a structural assessment, or one whose first community has not reached the table yet. Either way it is read at
    /// the next build; meanwhile a country without communities has no returnee figures to protect, and one with
    /// communities answers all zero and pending, so readers wait for the table as for a country rebuilding.
    /// </summary>
    private async Task<ProtectedReport<CountryReport>> NotInTableAsync(string country, ProtectedProgramme table)
    {
        var report = await GrainFactory.Country(country).GetReport();
        var shown = report is { Communities: 0, Pending: 0 }
            ? report
            : new CountryReport(country, AggregateSummary.MergeAll([]), 0, null, null, 0, Pending: 1);
        if (report.Communities > 0 || report.Assessment is not null) Changed(country, _freshness.Now);
        return new(shown, HiddenCells.None, table.Day, table.AsOf);
    }

    /// <summary>
    /// A report's <c>asOf</c> is the moment its table's figures hold every change before (see <see cref="BuildAsync"/>); with
    /// no change waiting, being prepared or being protected, the table holds every change it was told about, so its figures are
    /// current as of now (<paramref name="current"/>: <see cref="Current"/>, asked once per request).
    /// </summary>
    private static ProtectedReport<T> Stamped<T>(ProtectedReport<T> report, bool current) =>
        current ? report with { AsOf = DateTimeOffset.UtcNow } : report;

    private bool Current => OldestWaiting() is null;

    /// <summary>
    /// The table to answer from. Only the first read waits for a protection; a read about a later day than the table's
    /// starts protecting for that day and is answered from the table it has (its figures and hidden cells belong together,
    /// rendered for its own day), so no read waits for a whole programme to be protected from scratch.
    /// </summary>
    private async Task<ProtectedProgramme> TableFor(DateOnly today)
    {
        if (today > _day) _day = today;
        if (_table is null)
        {
            await Build();
            return _table ?? throw new StorageUnavailableException(
                "the live table could not read its countries yet; the service retries", null);
        }
        if (_table.Day < _day) _ = Build();
        return _table;
    }

    private void Changed(string country, DateTimeOffset since)
    {
        Waits(country, since);
        Waiting();
        if (_shownComplete) Pump();
        else Schedule();
    }

    /// <summary>Marks a country to read again, its oldest change waiting since <paramref name="since"/> or before.</summary>
    private void Waits(string country, DateTimeOffset since)
    {
        if (!_changed.TryGetValue(country, out var waiting) || since < waiting) _changed[country] = since;
    }

    /// <summary>Since when the oldest change not shown yet waits (null: the table shows every change it was told about).</summary>
    private DateTimeOffset? OldestWaiting() => _changed.Values.Select(s => (DateTimeOffset?)s)
        .Concat(_prepared.Values.Select(p => (DateTimeOffset?)p.Since))
        .Concat(_lanes.Select(l => l.Since))
        .Append(_buildingSince)
        .Min();

    /// <summary>Registers the oldest change not shown yet with the freshness metric, or that none waits.</summary>
    private void Waiting()
    {
        if (!_deactivated && OldestWaiting() is { } oldest) _freshness.Pending(this, oldest);
        else _freshness.Done(this);
    }

    private void Pump()
    {
        foreach (var lane in _lanes) Pump(lane);
    }

    /// <summary>Has an idle lane prepare the next changed country of its size, once it has rested.</summary>
    private void Pump(FamilyLane lane)
    {
        if (_deactivated || !_shownComplete || lane.Preparing is not null || lane.Timer is not null) return;
        var preparing = _lanes.Select(l => l.Preparing).OfType<string>().ToHashSet(StringComparer.Ordinal);
        // A country that failed queues behind the changes made since, so that it cannot hold its lane.
        var waiting = _changed.Where(c => !preparing.Contains(c.Key)).Select(c =>
            _failedAt.TryGetValue(c.Key, out var failed) && failed > c.Value ? new(c.Key, failed) : c);
        if (lane.Next(waiting, CommunitiesOf, _freshness.Now) is not { } country) return;
        var rest = lane.RestsUntil - DateTime.UtcNow;
        if (rest > TimeSpan.Zero)
        {
            lane.Timer = this.RegisterGrainTimer(() =>
            {
                lane.Timer?.Dispose();
                lane.Timer = null;
                Pump(lane);
                return Task.CompletedTask;
            }, Once(rest));
            return;
        }
        _ = PrepareAsync(lane, country);
    }

    /// <summary>How many communities a country had when last read (what its family's protection costs).</summary>
    private int CommunitiesOf(string country) =>
        _prepared.TryGetValue(country, out var ready) ? ready.Family.Country.Communities.Count
        : _countries.TryGetValue(country, out var read) ? read.Communities.Count
        : 0;

    /// <summary>
    /// Reads a changed country and protects its family for the next build to take; never fails (a country that cannot be read
    /// or protected waits as changed, and the lane rests <see cref="AggregationOptions.ProtectionDelay"/>).
    /// </summary>
    private async Task PrepareAsync(FamilyLane lane, string country)
    {
        _changed.Remove(country, out var since);
        (lane.Preparing, lane.Since) = (country, since);
        SnapshotCountry snapshot;
        try
        {
            snapshot = await ReadAsync(country);
        }
        catch (Exception e)
        {
            LogReadFailed(e, country);
            Failed(lane, country, since);
            return;
        }
        if (Today > _day) _day = Today;
        var (day, k) = (_day, _minimumCellSize);
        // Its region's family is likely to hide what it hid beyond the country's own family last time.
        var byRegion = _table?.HiddenByRegion(country);
        var clock = Stopwatch.StartNew();
        PreparedFamily family;
        try
        {
            family = await Task.Run(() => ProtectedProgramme.Prepare(snapshot, day, k, byRegion));
        }
        catch (Exception e)
        {
            // Not the country: protection itself failed. The change waits, and the lane tries others first.
            _logger.LogError(e, "The live table could not protect {Country}'s family; it tries again", country);
            Failed(lane, country, since);
            return;
        }
        if (_prepared.TryGetValue(country, out var earlier) && earlier.Since < since) since = earlier.Since;
        _prepared[country] = (family, since);
        _failedAt.Remove(country);
        _logger.LogDebug("Live table: {Country}'s family of {Communities} communities protected in {Protect} ms, "
            + "{Waited} ms after its oldest change", country, snapshot.Communities.Count, (int)clock.Elapsed.TotalMilliseconds,
            (int)(_freshness.Now - since).TotalMilliseconds);
        Done(lane, clock.Elapsed);
    }

    private void Failed(FamilyLane lane, string country, DateTimeOffset since)
    {
        Waits(country, since);
        _failedAt[country] = _freshness.Now;
        Done(lane, _delay);
    }

    /// <summary>Frees the lane to rest as long as it worked, and has the families ready protected.</summary>
    private void Done(FamilyLane lane, TimeSpan worked)
    {
        (lane.Preparing, lane.Since) = (null, null);
        lane.RestsUntil = DateTime.UtcNow + worked;
        Waiting();
        Schedule();
        // Both lanes: the country read may have crossed from one size to the other.
        Pump();
    }

    /// <summary>
    /// Asks for a build (of the families ready, or before a table showed every country complete, of the changed countries), at
    /// least <see cref="AggregationOptions.ProtectionDelay"/> after the last ended, and at least as long as it took.
    /// </summary>
    private void Schedule()
    {
        // A running build schedules the next one when it ends.
        if (_deactivated || _timer is not null || _building || (_shownComplete ? _prepared.Count : _changed.Count) == 0) return;
        var wait = _lastBuildEnded + (_lastWorkTook > _delay ? _lastWorkTook : _delay) - DateTime.UtcNow;
        _timer = this.RegisterGrainTimer(Build, Once(wait > TimeSpan.Zero ? wait : TimeSpan.Zero));
    }

    /// <summary>A timer that fires once, interleaving with reads, and keeps the table active until then.</summary>
    private static GrainTimerCreationOptions Once(TimeSpan due) =>
        new() { DueTime = due, Period = Timeout.InfiniteTimeSpan, Interleave = true, KeepAlive = true };

    /// <summary>The build running, or a new one: concurrent callers share it. A build never fails (failures are logged).</summary>
    private Task Build()
    {
        _timer?.Dispose();
        _timer = null;
        return _building ? _build : _build = BuildAsync();
    }

    private async Task BuildAsync()
    {
        _building = true;
        var lanes = _shownComplete;
        var taken = lanes ? TakePrepared() : _changed.ToList();
        if (!lanes) _changed.Clear();
        // The table holds every change before the oldest still waiting (the lanes read those later), and every change the
        // table before it held: a late notice of an old change must not move it back.
        var asOf = OldestWaiting() is { } oldest && oldest < DateTimeOffset.UtcNow ? oldest : DateTimeOffset.UtcNow;
        if (_table?.AsOf is { } before && before > asOf) asOf = before;
        _buildingSince = taken.Select(t => (DateTimeOffset?)t.Value).Min();
        var started = Stopwatch.GetTimestamp();
        if (Today > _day) _day = Today;
        try
        {
            var clock = Stopwatch.StartNew();
            var failed = lanes ? 0 : await ReadAsync(taken.Select(t => t.Key).Order(StringComparer.Ordinal).ToList())
                + await AwaitRecoveringAsync();
            var read = clock.Elapsed;
            var countries = _countries.Values.ToList();
            var (day, k) = (_day, _minimumCellSize);
            // One family at a time: with the wait below, a build takes at most half a core from a running import (and each lane
            // as much, see FamilyLane). Until the table first shows every country complete (after a restart or failover),
            // readers wait for it and clients for the service: every core.
            var parallelism = _shownComplete ? 1 : -1;
            var table = await Task.Run(() => ProtectedProgramme.Protect(countries, day, k, _memo, asOf, parallelism));
            var protect = clock.Elapsed - read;
            // Rendering changed rows is a second's work on a large programme under import: off the grain's turn too.
            await Task.Run(() => _publisher.PublishChanged(table));
            _table = table;
            // A country whose read failed shows what it reported before, or nothing: complete needs every read to succeed.
            _shownComplete |= failed == 0 && countries.All(c => c.Pending == 0);
            _lastWorkTook = clock.Elapsed - read;
            _logger.LogDebug("Live table: {Changed} countries {How} in {Read} ms ({Failed} failed), protected in {Protect} ms "
                + "({Reused} families reused, {Protected} protected again: {Again}), published in {Publish} ms", taken.Count,
                lanes ? "prepared" : "read", (int)read.TotalMilliseconds, failed, (int)protect.TotalMilliseconds,
                _memo.LastBuild.Reused, _memo.LastBuild.Protected, string.Join(' ', _memo.LastProtectedAgain),
                (int)(clock.Elapsed - read - protect).TotalMilliseconds);
        }
        catch (Exception e)
        {
            // Not a country's read (those are retried alone): the table stays as protected last, and every change waits.
            foreach (var (country, since) in taken) Waits(country, since);
            _lastWorkTook = Stopwatch.GetElapsedTime(started);
            _logger.LogError(e, "The live table could not be protected again; it tries again");
        }
        finally
        {
            _buildingSince = null;
            _building = false;
            _lastBuildEnded = DateTime.UtcNow;
            Waiting();
            Schedule();
            Pump();
        }
    }

    /// <summary>
    /// The families the lanes prepared, offered to this build's protection with their countries as read (the memo takes a
    /// family only for those very reports); returns each country with since when its oldest change waits.
    /// </summary>
    private List<KeyValuePair<string, DateTimeOffset>> TakePrepared()
    {
        var taken = new List<KeyValuePair<string, DateTimeOffset>>(_prepared.Count);
        foreach (var (country, (family, since)) in _prepared)
        {
            _countries[country] = family.Country;
            _memo.Offer(family);
            taken.Add(new(country, since));
        }
        _prepared.Clear();
        return taken;
    }

    /// <summary>
    /// Right after activation (a restart, a failover) countries are still collecting their communities' first reports, and
    /// each one that completes would have the next build protect the whole programme from scratch again. Once a table is
    /// there to answer from, a build reads those countries again until none is pending (for at most
    /// <see cref="RecoveryWait"/> after activation), so that one protection shows them all complete. Returns how many reads
    /// failed.
    /// </summary>
    private async Task<int> AwaitRecoveringAsync()
    {
        var failed = 0;
        while (_table is not null && DateTime.UtcNow - _activated < RecoveryWait
               && _countries.Values.Where(c => c.Pending > 0).Select(c => c.Country).ToList() is { Count: > 0 } pending)
        {
            await Task.Delay(RecoveryPoll);
            // Read now: the change each of them reports meanwhile needs no build of its own.
            foreach (var country in pending)
                if (_changed.Remove(country, out var since) && (_buildingSince is null || since < _buildingSince))
                    _buildingSince = since;
            failed += await ReadAsync(pending);
        }
        return failed;
    }

    /// <summary>
    /// Reads the changed countries. A country that cannot be read keeps what it reported before and is read again at the
    /// next build, so one failing country does not hold back the others' changes. Returns how many failed.
    /// </summary>
    private async Task<int> ReadAsync(List<string> changed)
    {
        var failed = 0;
        foreach (var batch in changed.Chunk(ParallelCountries))
        {
            var reads = batch.Select(c => (Country: c, Read: ReadAsync(c))).ToList();
            foreach (var (country, read) in reads)
            {
                try
                {
                    _countries[country] = await read;
                }
                catch (Exception e)
                {
                    failed++;
                    Waits(country, _buildingSince ?? _freshness.Now);
                    LogReadFailed(e, country);
                }
            }
        }
        return failed;
    }

    private void LogReadFailed(Exception e, string country) =>
        _logger.LogWarning(e, "The live table could not read {Country}; it reads it again", country);

    /// <summary>A country as it reports now: its communities' reports and its latest assessment.</summary>
    private async Task<SnapshotCountry> ReadAsync(string country)
    {
        var (report, communities) = await GrainFactory.Country(country).GetFamily();
        return new SnapshotCountry(country, _regions.RegionOf(country), report.Assessment, communities, report.AssessmentId,
            report.Pending);
    }
}
