using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Disclosure;
using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Domain.Snapshots;
using Reintegration.Analytics.Grains.Storage;

namespace Reintegration.Analytics.Grains.LiveTable;

/// <summary>
/// Hands the read model the rows of the live table that changed: a unit whose figures or hidden cells differ from those it
/// was last published with, or every unit on a new day (follow-up figures move with the calendar). Runs on the thread pool,
/// one publication at a time.
/// </summary>
internal sealed class LiveTablePublisher(IReadModel readModel, RegionMap regions)
{
    private readonly Dictionary<string, (long Version, HiddenCells Hidden)> _communities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CountryRow> _countries = new(StringComparer.Ordinal);
    private DateOnly? _day;

    private readonly Lock _gate = new();

    public void PublishChanged(ProtectedProgramme table)
    {
        lock (_gate) PublishChangedAlone(table);
    }

    public void PublishAll(ProtectedProgramme table)
    {
        lock (_gate) PublishAllAlone(table);
    }

    private void PublishChangedAlone(ProtectedProgramme table)
    {
        if (_day != table.Day)
        {
            PublishAllAlone(table);
            return;
        }
        var now = DateTimeOffset.UtcNow;
        foreach (var community in table.Communities.Values)
            if (!_communities.TryGetValue(community.Report.CommunityId, out var last)
                || last.Version != community.Report.Version || !last.Hidden.Cells.SetEquals(community.Hidden.Cells))
                Publish(community, now);
        foreach (var country in table.Countries.Values)
            if (!_countries.TryGetValue(country.Report.Country, out var last) || !last.Same(CountryRow.Of(country, table)))
                Publish(country, now, table);
    }

    private void PublishAllAlone(ProtectedProgramme table)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var community in table.Communities.Values) Publish(community, now);
        foreach (var country in table.Countries.Values) Publish(country, now, table);
        _day = table.Day;
    }

    /// <summary>
    /// What a country's row is rendered from, but for its merged summary (merged again on every build): its figures are
    /// unchanged when its communities' report versions are.
    /// </summary>
    private sealed record CountryRow(List<long> Versions, string? AssessmentId, object? Assessment, int Pending, HiddenCells Hidden)
    {
        public static CountryRow Of(ProtectedReport<CountryReport> country, ProtectedProgramme table) =>
            new([.. table.CommunitiesOf(country.Report.Country).Select(c => c.Report.Version)], country.Report.AssessmentId,
                country.Report.Assessment, country.Report.Pending, country.Hidden);

        public bool Same(CountryRow other) =>
            Versions.SequenceEqual(other.Versions) && AssessmentId == other.AssessmentId && Equals(Assessment, other.Assessment)
            && Pending == other.Pending && Hidden.Cells.SetEquals(other.Hidden.Cells);
    }

    private void Publish(ProtectedReport<CommunityReport> community, DateTimeOffset now)
    {
        readModel.Publish(LevelDocuments.Community(community, regions.RegionOf(community.Report.Profile.Country), now));
        _communities[community.Report.CommunityId] = (community.Report.Version, community.Hidden);
    }

    private void Publish(ProtectedReport<CountryReport> country, DateTimeOffset now, ProtectedProgramme table)
    {
        readModel.Publish(LevelDocuments.Country(country, regions.RegionOf(country.Report.Country), now));
        _countries[country.Report.Country] = CountryRow.Of(country, table);
    }
}
