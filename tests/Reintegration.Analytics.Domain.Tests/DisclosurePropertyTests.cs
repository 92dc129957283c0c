using CsCheck;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Domain.Returnees;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Domain.Tests;

/// <summary>
/// SPEC §4 on random programmes: in every document (and the <c>/compare</c> table) no figure over 1..k−1
/// returnees is shown, and no hidden figure can be recovered by subtraction: a total with exactly one hidden
/// part, a share shown without its terms, one "what works" group hidden and not the other. The checks read
/// only the output, as an attacker would.
/// </summary>
public sealed class DisclosurePropertyTests
{
    [Fact]
    public void No_document_shows_a_small_cell_or_lets_one_be_recovered() =>
        HistoryGenerator.Histories(caseCount: 14, maxLength: 120).Select(Gen.Int[2, 5], (h, k) => (h, k)).Sample(sample =>
        {
            var (history, k) = sample;
            var (world, contributions) = ReturneeChanges.Play(history);

            var today = HistoryGenerator.Today;
            foreach (var country in contributions.Select(c => c.Country).Distinct())
            {
                var summary = AggregateSummary.Of(contributions.Where(c => c.Country == country));
                var report = new CountryReport(country, summary, 1, null, null, 1);
                var @protected = new ProtectedReport<CountryReport>(report, LevelDocuments.Protect(report, today, k), today);
                AssertProtected(LevelDocuments.Country(@protected, "WCA", DateTimeOffset.UtcNow), k, country);
                foreach (var by in CountryComparison.Groupings)
                    AssertProtected(
                        CountryComparison.Build([@protected], RegionMap.Default, by, DateTimeOffset.UtcNow), k, $"{country}, {by}");
            }
            var global = new GlobalReport(AggregateSummary.Of(contributions), [], []);
            var globalDocument = LevelDocuments.Global(new(global, LevelDocuments.Protect(global, today, k), today), DateTimeOffset.UtcNow);
            AssertProtected(globalDocument, k, "global");
        }, iter: 300);

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
