using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Disclosure;
using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Domain.Snapshots;
using Reintegration.Analytics.Grains.Storage;

namespace Reintegration.Analytics.Grains.LiveTable;

/// <summary>
/// Hands the read model the rows of the live table that changed: a unit whose figures or hidden cells differ from those it
/// was last published with, or every unit on a new day (follow-up figures move with the calendar).
/// </summary>
internal sealed class LiveTablePublisher(IReadModel readModel, RegionMap regions)
{
    private readonly Dictionary<string, (long Version, HiddenCells Hidden)> _communities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (List<long> Versions, object? Assessment, HiddenCells Hidden)> _countries =
        new(StringComparer.Ordinal);
    private DateOnly? _day;

    public void PublishChanged(ProtectedProgramme table)
    {
        if (_day != table.Day)
        {
            PublishAll(table);
            return;
        }
        var now = DateTimeOffset.UtcNow;
        foreach (var community in table.Communities.Values)
            if (!_communities.TryGetValue(community.Report.CommunityId, out var last)
                || last.Version != community.Report.Version || !last.Hidden.Cells.SetEquals(community.Hidden.Cells))
                Publish(community, now);
        foreach (var country in table.Countries.Values)
            if (!_countries.TryGetValue(country.Report.Country, out var last) || !SameFigures(last, country, table))
                Publish(country, now, table);
    }

    public void PublishAll(ProtectedProgramme table)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var community in table.Communities.Values) Publish(community, now);
        foreach (var country in table.Countries.Values) Publish(country, now, table);
        _day = table.Day;
    }

    /// <summary>A country's summary is merged again on every build: its figures are unchanged when its communities' report versions and its assessment are.</summary>
    private static bool SameFigures((List<long> Versions, object? Assessment, HiddenCells Hidden) last,
        ProtectedReport<CountryReport> country, ProtectedProgramme table) =>
        Equals(last.Assessment, country.Report.Assessment) && last.Hidden.Cells.SetEquals(country.Hidden.Cells)
        && last.Versions.SequenceEqual(VersionsOf(country, table));

    /// <summary>A community's report of a version has one content (re-read copies compare equal).</summary>
    private static IEnumerable<long> VersionsOf(ProtectedReport<CountryReport> country, ProtectedProgramme table) =>
        table.CommunitiesOf(country.Report.Country).Select(c => c.Report.Version);

    private void Publish(ProtectedReport<CommunityReport> community, DateTimeOffset now)
    {
        readModel.Publish(LevelDocuments.Community(community, regions.RegionOf(community.Report.Profile.Country), now));
        _communities[community.Report.CommunityId] = (community.Report.Version, community.Hidden);
    }

    private void Publish(ProtectedReport<CountryReport> country, DateTimeOffset now, ProtectedProgramme table)
    {
        readModel.Publish(LevelDocuments.Country(country, regions.RegionOf(country.Report.Country), now));
        _countries[country.Report.Country] = ([.. VersionsOf(country, table)], country.Report.Assessment, country.Hidden);
    }
}
