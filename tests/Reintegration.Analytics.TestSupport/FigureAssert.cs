using Reintegration.Analytics.Domain.Aggregation;
using Xunit;

namespace Reintegration.Analytics.TestSupport;

/// <summary>Compares a served aggregate document (built with minimum cell size 1) with the oracle's figures.</summary>
public static class FigureAssert
{
    private const double Tolerance = 1e-9;

    public static void Matches(ExpectedFigures expected, AggregateDocument actual, string unit, Disaggregations? groups = null)
    {
        Assert.True(expected.Returnees == (actual.Returnees ?? 0), $"{unit}: returnees {actual.Returnees}, expected {expected.Returnees}");
        Assert.True(expected.Surveyed == (actual.Surveyed ?? 0), $"{unit}: surveyed {actual.Surveyed}, expected {expected.Surveyed}");
        foreach (var (dimension, (mean, n)) in expected.Scores)
            Mean(mean, n, actual.Scores[dimension], $"{unit}: scores.{dimension}");
        Close(expected.SustainableShare, actual.SustainableShare, $"{unit}: sustainableShare");
        Mean(expected.Improvement.Mean, expected.Improvement.N, actual.Improvement, $"{unit}: improvement");
        Assert.True(expected.FollowUpDue == (actual.FollowUp.Due ?? 0), $"{unit}: followUp.due {actual.FollowUp.Due}, expected {expected.FollowUpDue}");
        Assert.True(expected.FollowUpCovered == (actual.FollowUp.Covered ?? 0), $"{unit}: followUp.covered");
        Assert.True(expected.FollowUpOpen == (actual.FollowUp.Open ?? 0), $"{unit}: followUp.open {actual.FollowUp.Open}, expected {expected.FollowUpOpen}");
        Assert.True(expected.FollowUpOverdue == (actual.FollowUp.Overdue ?? 0), $"{unit}: followUp.overdue {actual.FollowUp.Overdue}, expected {expected.FollowUpOverdue}");
        Assert.True(expected.FollowUpMissed == (actual.FollowUp.Missed ?? 0), $"{unit}: followUp.missed {actual.FollowUp.Missed}, expected {expected.FollowUpMissed}");
        Close(expected.FollowUpDue == 0 ? null : (double)expected.FollowUpCovered / expected.FollowUpDue, actual.FollowUpCoverage, $"{unit}: followUpCoverage");
        Close(expected.RemigrationNecessityShare, actual.RemigrationNecessityShare, $"{unit}: remigrationNecessityShare");

        var plan = actual.Plan;
        Assert.Equal(expected.Plan["eligible"], plan.Eligible ?? 0);
        Assert.Equal(expected.Plan["plan_developed"], plan.PlanDeveloped ?? 0);
        Assert.Equal(expected.Plan["assistance_started"], plan.AssistanceStarted ?? 0);
        Assert.Equal(expected.Plan["assistance_completed"], plan.AssistanceCompleted ?? 0);
        Assert.Equal(expected.Plan["dropped_out"], plan.DroppedOut ?? 0);
        Close(expected.CompletionRate, plan.CompletionRate, $"{unit}: plan.completionRate");

        Assert.Equal(expected.ReturneesAssisted, actual.Assistance.ReturneesAssisted ?? 0);
        Assert.Equal(expected.AssistanceByType.Keys.Order(), actual.Assistance.ByType.Keys.Order());
        foreach (var (type, (records, amount)) in expected.AssistanceByType)
        {
            Assert.Equal(records, actual.Assistance.ByType[type].Records);
            Assert.Equal(amount, actual.Assistance.ByType[type].AmountUsd);
        }

        foreach (var (grouping, counts) in expected.Breakdown)
        {
            var served = grouping switch
            {
                "sex" => actual.Breakdown.Sex,
                "ageBand" => actual.Breakdown.AgeBand,
                "returnType" => actual.Breakdown.ReturnType,
                _ => actual.Breakdown.Vulnerability,
            };
            foreach (var (group, count) in served)
                Assert.True(counts.GetValueOrDefault(group) == (count ?? 0), $"{unit}: breakdown.{grouping}.{group} {count}, expected {counts.GetValueOrDefault(group)}");
        }

        Assert.Equal(expected.WhatWorks.Keys.Order(), actual.WhatWorks.Select(w => w.Type).Order());
        foreach (var row in actual.WhatWorks)
        {
            var expectedRow = expected.WhatWorks[row.Type];
            Mean(expectedRow.Received.Mean, expectedRow.Received.N, row.Received, $"{unit}: whatWorks.{row.Type}.received");
            Mean(expectedRow.NotReceived.Mean, expectedRow.NotReceived.N, row.NotReceived, $"{unit}: whatWorks.{row.Type}.notReceived");
            Close(expectedRow.Difference, row.Difference, $"{unit}: whatWorks.{row.Type}.difference");
            Close(expectedRow.CiLow, row.CiLow, $"{unit}: whatWorks.{row.Type}.ciLow");
            Close(expectedRow.CiHigh, row.CiHigh, $"{unit}: whatWorks.{row.Type}.ciHigh");
        }

        if (groups is null) return;
        foreach (var (grouping, expectedGroups) in expected.Groups)
        {
            var served = grouping switch { "sex" => groups.Sex, "ageBand" => groups.AgeBand, _ => groups.ReturnType };
            Assert.Equal(expectedGroups.Keys.Order(), served.Keys.Order());
            foreach (var (group, figures) in expectedGroups)
            {
                Assert.Equal(figures.Returnees, served[group].Returnees ?? 0);
                foreach (var (dimension, (mean, n)) in figures.Scores)
                    Mean(mean, n, served[group].Scores[dimension], $"{unit}: {grouping}.{group}.{dimension}");
                Close(figures.SustainableShare, served[group].SustainableShare, $"{unit}: {grouping}.{group}.sustainableShare");
            }
        }
    }

    private static void Mean(double? expected, long n, MeanCell actual, string what)
    {
        Assert.True(n == (actual.N ?? 0), $"{what}: n {actual.N}, expected {n}");
        Close(expected, actual.Mean, what);
    }

    private static void Close(double? expected, double? actual, string what)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{what}: {actual?.ToString() ?? "null"}, expected {expected?.ToString() ?? "null"}");
            return;
        }
        Assert.True(Math.Abs(expected.Value - actual.Value) <= Tolerance, $"{what}: {actual}, expected {expected}");
    }
}
