using System.Runtime.ExceptionServices;
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
/// grain on the same silo) and the programme protected from it (<see cref="ProtectedProgramme"/>). A changed country is
/// read again and the whole table protected again at most once per <see cref="AggregationOptions.ProtectionDelay"/>, on
/// the thread pool; reads interleave meanwhile and are answered from the table protected last, whose figures and hidden
/// cells belong together. Holds nothing durable: on activation it reads every country of the directory.
/// </summary>
[Reentrant]
public sealed class LiveTableGrain : Grain, ILiveTableGrain
{
    private const int ParallelCountries = 8;

    private readonly RegionMap _regions;
    private readonly ICommunityDirectory _directory;
    private readonly LiveTablePublisher _publisher;
    private readonly ILogger<LiveTableGrain> _logger;
    private readonly int _minimumCellSize;
    private readonly TimeSpan _delay;
    private readonly Dictionary<string, SnapshotCountry> _countries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    private ProtectedProgramme? _table;
    private readonly ProtectionMemo _memo = new();
    private DateOnly _day = DateOnly.FromDateTime(DateTime.UtcNow);
    private Task _build = Task.CompletedTask;
    private IGrainTimer? _timer;
    /// <summary>Why the last build failed (null when it succeeded): thrown to readers that have no table yet.</summary>
    private ExceptionDispatchInfo? _failure;
    private DateTime _lastBuildEnded = DateTime.MinValue;
    private readonly AggregateFreshness _freshness;

    /// <summary>Since when the oldest change not in the table yet was acknowledged (what users wait for, in the freshness metric).</summary>
    private DateTimeOffset? _pendingSince;

    public LiveTableGrain(RegionMap regions, ICommunityDirectory directory, IReadModel readModel,
        IOptions<DisclosureOptions> disclosure, IOptions<AggregationOptions> options, AggregateFreshness freshness,
        ILogger<LiveTableGrain> logger)
    {
        _freshness = freshness;
        _regions = regions;
        _directory = directory;
        _publisher = new LiveTablePublisher(readModel, regions);
        _logger = logger;
        _minimumCellSize = disclosure.Value.MinimumCellSize;
        _delay = options.Value.ProtectionDelay;
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _changed.UnionWith(await _directory.CountriesAsync());
        Schedule();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The next activation reads every country again: nothing waits for this one.
        _freshness.Done(this);
        return Task.CompletedTask;
    }

    public Task CountryChanged(string country, DateTimeOffset? pendingSince)
    {
        _changed.Add(country);
        Waiting(pendingSince ?? _freshness.Now);
        Schedule();
        return Task.CompletedTask;
    }

    public async Task<ProtectedReport<GlobalReport>> GetGlobal(DateOnly today) => Stamped((await TableFor(today)).Global);

    public async Task<ProtectedReport<RegionReport>> GetRegion(string region, DateOnly today)
    {
        var table = await TableFor(today);
        return Stamped(table.Regions.GetValueOrDefault(region)
            ?? new(new RegionReport(region, AggregateSummary.MergeAll([]), [], 0), HiddenCells.None, table.Day, table.AsOf));
    }

    public async Task<IReadOnlyList<ProtectedReport<CountryReport>>> GetCountries(IReadOnlyList<string> countries, DateOnly today)
    {
        var table = await TableFor(today);
        return countries.Select(c => Stamped(table.Countries.GetValueOrDefault(c)
            ?? new(new CountryReport(c, AggregateSummary.MergeAll([]), 0, null, null, 0), HiddenCells.None, table.Day, table.AsOf)))
            .ToList();
    }

    public async Task<ProtectedReport<CommunityReport>?> GetCommunity(string communityId, DateOnly today) =>
        (await TableFor(today)).Communities.GetValueOrDefault(communityId) is { } community ? Stamped(community) : null;

    public async Task<IReadOnlyList<ProtectedReport<CommunityReport>>> GetCommunities(string country, DateOnly today) =>
        (await TableFor(today)).CommunitiesOf(country).Select(Stamped).ToList();

    /// <summary>
    /// A report's <c>asOf</c> is when the table read its figures; with no change waiting and no protection running, the table
    /// holds every change it was told about, so its figures are current as of now.
    /// </summary>
    private ProtectedReport<T> Stamped<T>(ProtectedReport<T> report) =>
        _changed.Count == 0 && _build.IsCompleted ? report with { AsOf = DateTimeOffset.UtcNow } : report;

    public async Task RefreshReadModel(DateOnly today) => _publisher.PublishAll(await TableFor(today));

    /// <summary>The table protected for <paramref name="today"/>: protected again first on a new day (or the first read).</summary>
    private async Task<ProtectedProgramme> TableFor(DateOnly today)
    {
        // Bounded: readers asking about different days (silos' clocks either side of midnight) take turns.
        for (var attempt = 0; attempt < 3 && (_table is null || _table.Day != today); attempt++)
        {
            _day = today;
            await _build;
            if (_table is null || _table.Day != today) await Build();
        }
        if (_table is null) _failure!.Throw();
        return _table!;
    }

    private void Waiting(DateTimeOffset since)
    {
        if (_pendingSince is not null && _pendingSince <= since) return;
        _pendingSince = since;
        _freshness.Pending(this, since);
    }

    /// <summary>Asks for a build of the changed countries, at least <see cref="AggregationOptions.ProtectionDelay"/> after the last.</summary>
    private void Schedule()
    {
        if (_timer is not null || _changed.Count == 0) return;
        var wait = _lastBuildEnded + _delay - DateTime.UtcNow;
        _timer = this.RegisterGrainTimer(Build, new GrainTimerCreationOptions
        {
            DueTime = wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            Period = Timeout.InfiniteTimeSpan,
            Interleave = true,
            KeepAlive = true,
        });
    }

    /// <summary>The build running, or a new one: concurrent callers share it. A build never fails (see <see cref="_failure"/>).</summary>
    private Task Build()
    {
        _timer?.Dispose();
        _timer = null;
        return _build.IsCompleted ? _build = BuildAsync() : _build;
    }

    private async Task BuildAsync()
    {
        var changed = _changed.Order(StringComparer.Ordinal).ToList();
        _changed.Clear();
        var asOf = DateTimeOffset.UtcNow;
        var waiting = _pendingSince;
        _pendingSince = null;
        try
        {
            foreach (var batch in changed.Chunk(ParallelCountries))
                foreach (var country in await Task.WhenAll(batch.Select(ReadCountryAsync)))
                    _countries[country.Country] = country;
            var countries = _countries.Values.ToList();
            var (day, k) = (_day, _minimumCellSize);
            var table = await Task.Run(() => ProtectedProgramme.Protect(countries, day, k, _memo, asOf));
            _publisher.PublishChanged(table);
            _table = table;
            _failure = null;
            // A change that arrived meanwhile has registered itself.
            if (_pendingSince is null) _freshness.Done(this);
        }
        catch (Exception e)
        {
            // The countries are read again by the next build; readers keep the table protected last.
            _changed.UnionWith(changed);
            if (waiting is { } since) Waiting(since);
            _failure = ExceptionDispatchInfo.Capture(e);
            _logger.LogWarning(e, "The live table could not be protected again ({Count} changed countries); it tries again", changed.Count);
        }
        finally
        {
            _lastBuildEnded = DateTime.UtcNow;
            Schedule();
        }
    }

    private async Task<SnapshotCountry> ReadCountryAsync(string iso3)
    {
        var country = GrainFactory.Country(iso3);
        var report = await country.GetReport();
        var communities = await country.GetCommunities();
        return new SnapshotCountry(iso3, _regions.RegionOf(iso3), report.Assessment, communities, report.AssessmentId, report.Pending);
    }
}
