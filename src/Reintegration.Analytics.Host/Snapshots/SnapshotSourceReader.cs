using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Domain.Snapshots;
using Reintegration.Analytics.Grains;
using Reintegration.Analytics.Grains.Storage;
using Reintegration.Analytics.Host.Api;

namespace Reintegration.Analytics.Host.Snapshots;

/// <summary>
/// Reads what a snapshot freezes from the country grains: each country answers with its communities' reports in
/// one call (<c>GetFamily</c>), so a country and its communities are read at the same instant. Every country is read whatever the
/// scope, since disclosure control starts from the globe (a country's hidden cells depend on its region's family), so
/// a snapshot of one country also waits for every country still rebuilding after a restart. The countries come from the
/// community directory in the database, so none is missed because its grain is not active.
/// </summary>
public sealed class SnapshotSourceReader(IGrainFactory grains, ICommunityDirectory directory, RegionMap regions)
{
    private const int ParallelCountries = 8;

    /// <summary>Every country of the directory, and the scope's own countries even without a community (all zero then).</summary>
    public async Task<IReadOnlyList<SnapshotCountry>> ReadAsync(SnapshotScope scope, CancellationToken cancellation)
    {
        var countries = (await directory.CountriesAsync())
            .Union(scope.Kind == SnapshotScope.CountriesKind ? scope.Codes : []).Order(StringComparer.Ordinal);
        var read = new List<SnapshotCountry>();
        foreach (var batch in countries.Chunk(ParallelCountries))
        {
            cancellation.ThrowIfCancellationRequested();
            read.AddRange(await Task.WhenAll(batch.Select(ReadCountryAsync)));
        }
        return read;
    }

    private async Task<SnapshotCountry> ReadCountryAsync(string iso3)
    {
        var country = grains.Country(iso3);
        var (report, communities) = await ReadEndpoints.WhenComplete(country.GetFamily, f => f.Report.Pending);
        if (report.Pending > 0)
            throw new SnapshotSourceException(
                $"{iso3} is still rebuilding its aggregates after a restart ({report.Pending} units pending)");
        return new SnapshotCountry(iso3, regions.RegionOf(iso3), report.Assessment, communities);
    }
}

/// <summary>A snapshot could not read a consistent picture; the message says why (shown in the snapshot's status).</summary>
public sealed class SnapshotSourceException(string message) : Exception(message);
