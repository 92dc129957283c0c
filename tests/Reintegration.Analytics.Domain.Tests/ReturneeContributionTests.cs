using Reintegration.Analytics.Domain.Returnees;
using Reintegration.Analytics.Domain.Scoring;

namespace Reintegration.Analytics.Domain.Tests;

public sealed class ReturneeContributionTests
{
    private static readonly DateOnly Day = new(2026, 3, 1);

    // Each call builds new string instances, as deserializing two contributions does.
    private static ReturneeContribution Copy(string caseId) => new(
        caseId, new string("sen.pikine"), new string("SEN"), new string("female"), new string("25-34"), new string("avrr"),
        [new string("disability")], Day, new SurveyScores(0.5, 0.75, 0.25, 0.5, true), 0.25, false, new string("choice"), [new string("eligible")],
        [new AssistanceTotal(new string("cash"), 2, 300m)], 7, Day, [new string("cash")], ReturneeContribution.CurrentDerivation);

    [Fact]
    public void Shared_values_keep_every_value_and_are_one_instance_across_contributions()
    {
        var (a, b) = (Copy("case-a").WithSharedValues(), Copy("case-b").WithSharedValues());

        var original = Copy("case-a");
        Assert.Equal(original with
        {
            Vulnerabilities = a.Vulnerabilities, PlanStatuses = a.PlanStatuses, Assistance = a.Assistance,
            AssistedByCurrentSurvey = a.AssistedByCurrentSurvey,
        }, a);
        Assert.Equal(original.Vulnerabilities, a.Vulnerabilities);
        Assert.Equal(original.PlanStatuses, a.PlanStatuses);
        Assert.Equal(original.Assistance, a.Assistance);
        Assert.Equal(original.AssistedByCurrentSurvey, a.AssistedByCurrentSurvey);

        Assert.Same(a.CommunityId, b.CommunityId);
        Assert.Same(a.Country, b.Country);
        Assert.Same(a.Sex, b.Sex);
        Assert.Same(a.AgeBand, b.AgeBand);
        Assert.Same(a.ReturnType, b.ReturnType);
        Assert.Same(a.Vulnerabilities, b.Vulnerabilities);
        Assert.Same(a.PlanStatuses, b.PlanStatuses);
        Assert.Same(a.AssistedByCurrentSurvey, b.AssistedByCurrentSurvey);
        Assert.Same(a.Vulnerabilities[0], b.Vulnerabilities[0]);
        Assert.Same(a.RemigrationIntention, b.RemigrationIntention);
        Assert.Same(a.PlanStatuses[0], b.PlanStatuses[0]);
        Assert.Same(a.Assistance[0].Type, b.Assistance[0].Type);
        Assert.Same(a.AssistedByCurrentSurvey[0], b.AssistedByCurrentSurvey[0]);
        Assert.NotSame(a.CaseId, b.CaseId);
    }

    [Fact]
    public void Lists_are_shared_only_with_the_same_words_in_the_same_order()
    {
        ReturneeContribution With(params string[] vulnerabilities) =>
            (Copy("case") with { Vulnerabilities = vulnerabilities.Select(v => new string(v)).ToArray() }).WithSharedValues();

        var (both, reversed, one) = (With("disability", "chronic-illness"), With("chronic-illness", "disability"), With("disability"));

        Assert.Same(both.Vulnerabilities, With("disability", "chronic-illness").Vulnerabilities);
        Assert.Equal(["chronic-illness", "disability"], reversed.Vulnerabilities);
        Assert.NotSame(both.Vulnerabilities, reversed.Vulnerabilities);
        Assert.Equal(["disability"], one.Vulnerabilities);
        Assert.Empty(With().Vulnerabilities);
    }
}
