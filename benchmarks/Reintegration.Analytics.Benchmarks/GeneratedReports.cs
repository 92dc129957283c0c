using System.Text.Json;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Instruments;
using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Returnees;
using Reintegration.Analytics.Domain.Snapshots;
using Reintegration.Analytics.Host.Ingest;
using Reintegration.Analytics.Host.Parsing;

namespace Reintegration.Analytics.Benchmarks;

/// <summary>
/// What the service's countries report for a generated programme, computed in process: each line parsed as
/// <c>POST /ingest</c> parses it, applied to its returnee's state, and each community's report built from its returnees'
/// contributions as its grain builds it. Lets the protection scenario protect the programme the memory scenario imports.
/// </summary>
internal static class GeneratedReports
{
    public static List<SnapshotCountry> Of(ProgrammeGenerator generator, DateOnly today)
    {
        var parser = new RecordParser(InstrumentCatalog.Default, TimeProvider.System);
        var communities = new Dictionary<string, CommunityProfile>(StringComparer.Ordinal);
        var returnees = new Dictionary<string, ReturneeState>(StringComparer.Ordinal);
        foreach (var line in generator.Lines())
        {
            using var document = JsonDocument.Parse(line);
            var kind = document.RootElement.GetProperty("kind").GetString()!;
            var (record, errors) = parser.Parse(kind, document.RootElement, ignoredFields: ["kind"]);
            switch (record)
            {
                case CommunityWrite community:
                    communities[community.CommunityId] = community.Profile;
                    break;
                case ReturneeRecord returnee:
                    if (!returnees.TryGetValue(returnee.CaseId, out var state)) returnees[returnee.CaseId] = state = new ReturneeState();
                    state.Apply(returnee.Change);
                    break;
                default:
                    throw new InvalidOperationException($"the generator wrote a line the service rejects: {errors.FirstOrDefault()}");
            }
        }
        var members = returnees.Where(r => r.Value.Profile is not null).Select(r => r.Value.ToContribution(r.Key))
            .ToLookup(c => c.CommunityId, StringComparer.Ordinal);
        return communities.GroupBy(c => c.Value.Country, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(country => new SnapshotCountry(country.Key, RegionMap.Default.RegionOf(country.Key), null,
                country.Select(c => Report(c.Key, c.Value, members[c.Key])).ToList()))
            .ToList();
    }

    /// <summary>A community's report after one more returnee joined it (a change the live table protects again).</summary>
    public static CommunityReport Joined(CommunityReport community, ReturneeContribution returnee) =>
        community with
        {
            Summary = AggregateSummary.MergeAll([community.Summary, AggregateSummary.Of([returnee])]),
            Version = community.Version + 1,
        };

    private static CommunityReport Report(string id, CommunityProfile profile, IEnumerable<ReturneeContribution> members) =>
        new(id, profile, AggregateSummary.Of(members), null, null, Version: 1);
}
