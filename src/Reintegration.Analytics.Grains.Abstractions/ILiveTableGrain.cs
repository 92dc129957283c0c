using Orleans;
using Orleans.Concurrency;
using Reintegration.Analytics.Domain.Aggregation;

namespace Reintegration.Analytics.Grains;

/// <summary>
/// The live table (one grain, key <see cref="GrainKeys.GlobalKey"/>): every aggregate of the programme with the cells
/// protection hides in it, protected as one table the way a snapshot is (a community table against its country, countries
/// against their region), and protected again shortly after a country changes. Every aggregate document, <c>/compare</c>,
/// the business metrics and the read model are rendered from it, so none can be set against another of the same moment to
/// undo protection.
/// Each answer comes from one protected table, for the day asked about.
/// </summary>
[Alias("ILiveTableGrain")]
public interface ILiveTableGrain : IGrainWithStringKey
{
    /// <summary>
    /// A country reported new figures (its communities' or its own), the oldest of them acknowledged at
    /// <paramref name="pendingSince"/>: the table reads it again soon. Awaited, so that a country whose report did not
    /// arrive reports again (<c>PushScheduler</c>).
    /// </summary>
    [Alias("CountryChanged")] Task CountryChanged(string country, DateTimeOffset? pendingSince);

    [Alias("GetGlobal")] Task<ProtectedReport<GlobalReport>> GetGlobal(DateOnly today);

    /// <summary>A region's report; all zero for a region without data.</summary>
    [Alias("GetRegion")] Task<ProtectedReport<RegionReport>> GetRegion(string region, DateOnly today);

    /// <summary>The countries' reports in the order asked; all zero for a country without data.</summary>
    [Alias("GetCountries")]
    Task<IReadOnlyList<ProtectedReport<CountryReport>>> GetCountries(IReadOnlyList<string> countries, DateOnly today);

    /// <summary>A community's report; null when the table does not hold it (not registered, or not reported yet).</summary>
    [Alias("GetCommunity")] Task<ProtectedReport<CommunityReport>?> GetCommunity(string communityId, DateOnly today);

    /// <summary>A country's communities in id order (the community table of SPEC §4).</summary>
    [Alias("GetCommunities")]
    Task<IReadOnlyList<ProtectedReport<CommunityReport>>> GetCommunities(string country, DateOnly today);

    /// <summary>
    /// Protects for <paramref name="today"/> if the table is of another day, and writes every read model row again (its
    /// day-dependent figures change with the calendar).
    /// </summary>
    [Alias("RefreshReadModel")] Task RefreshReadModel(DateOnly today);
}
