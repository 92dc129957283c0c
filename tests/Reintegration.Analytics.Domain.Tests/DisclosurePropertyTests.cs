using CsCheck;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Domain.Snapshots;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Domain.Tests;

/// <summary>
/// SPEC §4 on random programmes: in every live document (and the <c>/compare</c> table) no figure over 1..k−1 returnees is
/// shown, and no hidden figure can be recovered by subtraction, within a document (a total with exactly one hidden part, a
/// share shown without its terms, one "what works" group hidden and not the other) or across documents (a community table
/// against its country's document, countries against their region's, regions against the globe). The checks read only the
/// output, as an attacker would.
/// </summary>
public sealed class DisclosurePropertyTests
{
    private static readonly DateTimeOffset AsOf = DateTimeOffset.UtcNow;

    [Fact]
    public void No_document_shows_a_small_cell_or_lets_one_be_recovered() =>
        SnapshotTableTests.Programmes().Select(Gen.Int[2, 6], (p, k) => (p, k)).Sample(sample =>
        {
            var (programme, k) = sample;
            var table = ProtectedProgramme.Protect(programme, HistoryGenerator.Today, k);
            var global = LevelDocuments.Global(table.Global, AsOf);
            AssertProtected(global, k, "global");
            var regions = table.Regions.Values.Select(r => LevelDocuments.Region(r, AsOf)).ToList();
            foreach (var region in regions) AssertProtected(region, k, region.Region);
            AssertNoneRecoverable(global, regions, "regions against the globe");
            foreach (var region in regions)
            {
                var countries = region.Countries.Select(c => table.Countries[c]).ToList();
                var documents = countries.Select(c => LevelDocuments.Country(c, region.Region, AsOf)).ToList();
                AssertNoneRecoverable(region, documents, $"countries against {region.Region}");
                foreach (var country in countries)
                {
                    var document = LevelDocuments.Country(country, region.Region, AsOf);
                    var name = country.Report.Country;
                    AssertProtected(document, k, name);
                    foreach (var by in CountryComparison.Groupings)
                        AssertProtected(CountryComparison.Build([country], RegionMap.Default, by, AsOf), k, $"{name}, {by}");
                    var communities = table.CommunitiesOf(name).Select(c => LevelDocuments.Community(c, region.Region, AsOf)).ToList();
                    foreach (var community in communities) AssertProtected(community, k, community.CommunityId);
                    AssertNoneRecoverable(document, communities, $"the community table against {name}");
                }
            }
        }, iter: 300);

    /// <summary>
    /// A parent's shown count with exactly one hidden child's is that child's count (zero is shown, so a null child hides
    /// returnees); likewise a shown mean and n with one hidden child's mean.
    /// </summary>
    private static void AssertNoneRecoverable(AggregateDocument parent, IReadOnlyList<AggregateDocument> children, string what)
    {
        void OneHidden(string figure, Func<AggregateDocument, bool> shown) =>
            Assert.False(shown(parent) && children.Count(c => !shown(c)) == 1, $"{what}: {figure} of one child is the parent's minus the others'");
        OneHidden("returnees", d => d.Returnees is not null);
        OneHidden("surveyed", d => d.Surveyed is not null);
        OneHidden("followUp.due", d => d.FollowUp.Due is not null);
        OneHidden("followUp.covered", d => d.FollowUp.Covered is not null);
        OneHidden("followUp.overdue", d => d.FollowUp.Overdue is not null);
        OneHidden("followUp.missed", d => d.FollowUp.Missed is not null);
        OneHidden("plan.eligible", d => d.Plan.Eligible is not null);
        OneHidden("assistance.returneesAssisted", d => d.Assistance.ReturneesAssisted is not null);
        OneHidden("improvement", d => !d.Improvement.Suppressed);
        foreach (var dimension in parent.Scores.Keys) OneHidden($"scores.{dimension}", d => !d.Scores[dimension].Suppressed);
        foreach (var (name, groups) in new[] { ("sex", parent.Breakdown.Sex), ("ageBand", parent.Breakdown.AgeBand),
                     ("returnType", parent.Breakdown.ReturnType) })
            foreach (var group in groups.Keys)
                OneHidden($"breakdown.{name}.{group}", d => Breakdown(d, name).GetValueOrDefault(group, 0) is not null);
    }

    private static IReadOnlyDictionary<string, long?> Breakdown(AggregateDocument d, string name) => name switch
    {
        "sex" => d.Breakdown.Sex,
        "ageBand" => d.Breakdown.AgeBand,
        _ => d.Breakdown.ReturnType,
    };

    private static void AssertProtected(AggregateDocument d, int k, string unit)
    {
        void Count(long? value, string what) => Assert.False(value is > 0 && value < k, $"{unit}: {what} = {value} is shown (k = {k})");
        void Mean(MeanCell cell, string what) => Assert.False(cell.N is > 0 && cell.N < k, $"{unit}: {what} has n = {cell.N} (k = {k})");
        void OneHidden(bool totalShown, IEnumerable<bool> partsHidden, string what) =>
            Assert.False(totalShown && partsHidden.Count(h => h) == 1, $"{unit}: {what}: one hidden part is the total minus the others");

        Count(d.Returnees, "returnees");
        Count(d.Surveyed, "surveyed");
        foreach (var (dimension, cell) in d.Scores) Mean(cell, $"scores.{dimension}");
        Mean(d.Improvement, "improvement");
        foreach (var (name, value) in new[] { ("due", d.FollowUp.Due), ("covered", d.FollowUp.Covered), ("open", d.FollowUp.Open),
                     ("overdue", d.FollowUp.Overdue), ("missed", d.FollowUp.Missed) })
            Count(value, $"followUp.{name}");
        Assert.False(d.FollowUpCoverage is not null && (d.FollowUp.Due is null || d.FollowUp.Covered is null), $"{unit}: coverage without its terms");
        // Due is covered + overdue + missed + those open on day 365 exactly, which no figure shows: exact when open is shown as 0.
        OneHidden(d.FollowUp.Due is not null && d.FollowUp.Open == 0,
            [d.FollowUp.Covered is null, d.FollowUp.Overdue is null, d.FollowUp.Missed is null], "followUp");
        foreach (var value in new[] { d.Plan.Eligible, d.Plan.PlanDeveloped, d.Plan.AssistanceStarted, d.Plan.AssistanceCompleted, d.Plan.DroppedOut })
            Count(value, "plan");
        Assert.False(d.Plan.CompletionRate is not null && (d.Plan.Eligible is null || d.Plan.AssistanceCompleted is null),
            $"{unit}: completion rate without its terms");

        // Zero is shown, so a null part of a shown total is a hidden part that is not zero.
        foreach (var (name, parts) in new[] { ("sex", d.Breakdown.Sex), ("ageBand", d.Breakdown.AgeBand), ("returnType", d.Breakdown.ReturnType) })
        {
            foreach (var (group, value) in parts) Count(value, $"breakdown.{name}.{group}");
            OneHidden(d.Returnees is not null, parts.Values.Select(v => v is null), $"breakdown.{name}");
        }
        Count(d.Assistance.ReturneesAssisted, "assistance.returneesAssisted");
        OneHidden(d.Assistance.Records is not null, d.Assistance.ByType.Values.Select(t => t.Suppressed), "assistance by type");
        foreach (var row in d.WhatWorks)
        {
            Mean(row.Received, $"whatWorks.{row.Type}.received");
            Mean(row.NotReceived, $"whatWorks.{row.Type}.notReceived");
            OneHidden(d.Improvement.Mean is not null, [row.Received.Suppressed, row.NotReceived.Suppressed], $"whatWorks.{row.Type}");
            Assert.False(row.Difference is not null && (row.Received.Suppressed || row.NotReceived.Suppressed), $"{unit}: a difference over a hidden group");
        }

        var groups = d switch
        {
            CountryAggregateDocument c => c.Disaggregations,
            GlobalAggregateDocument g => g.Disaggregations,
            RegionAggregateDocument r => r.Disaggregations,
            _ => null,
        };
        foreach (var (name, byGroup) in groups is null ? [] : new[] { ("sex", groups.Sex), ("ageBand", groups.AgeBand), ("returnType", groups.ReturnType) })
        {
            foreach (var (dimension, overall) in d.Scores)
            {
                foreach (var (group, figures) in byGroup) Mean(figures.Scores[dimension], $"{name}.{group}.{dimension}");
                OneHidden(overall.Mean is not null, byGroup.Values.Select(g => g.Scores[dimension].Suppressed), $"{name} means of {dimension}");
            }
            OneHidden(d.Returnees is not null, byGroup.Values.Select(g => g.Returnees is null), $"{name} returnees");
        }
    }

    private static void AssertProtected(CountryComparison table, int k, string unit)
    {
        var total = table.Rows.Single(r => r.Group is null);
        var groups = table.Rows.Where(r => r.Group is not null).ToList();
        foreach (var row in table.Rows)
        {
            Assert.False(row.Returnees is > 0 && row.Returnees < k, $"{unit} {row.Group}: returnees {row.Returnees} shown");
            Assert.False(row.Improvement.N is > 0 && row.Improvement.N < k, $"{unit} {row.Group}: improvement n {row.Improvement.N} shown");
            foreach (var (dimension, cell) in row.Scores) Assert.False(cell.N is > 0 && cell.N < k, $"{unit} {row.Group}: {dimension} n {cell.N}");
        }
        void OneHidden(bool totalShown, IEnumerable<bool> hidden, string what) =>
            Assert.False(totalShown && hidden.Count(h => h) == 1, $"{unit}: {what}: one hidden group is the total row minus the others");
        OneHidden(total.Returnees is not null, groups.Select(g => g.Returnees is null), "returnees");
        OneHidden(total.Surveyed is not null, groups.Select(g => g.Surveyed is null), "surveyed");
        OneHidden(total.Improvement.Mean is not null, groups.Select(g => g.Improvement.Suppressed), "improvement");
        foreach (var dimension in total.Scores.Keys)
            OneHidden(total.Scores[dimension].Mean is not null, groups.Select(g => g.Scores[dimension].Suppressed), $"{dimension} means");
    }
}
