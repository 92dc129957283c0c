using Reintegration.Analytics.Domain.Records;

namespace Reintegration.Analytics.Domain.Tests;

/// <summary>SPEC §2.5 community assessment indices.</summary>
public class CommunityAssessmentTests
{
    private static CommunityAssessment Assessment(ServiceLevels services, int cohesion = 2, params CommunityProject[] projects) =>
        new(new DateOnly(2025, 3, 1), 12_000, services, cohesion, projects);

    [Fact]
    public void ServicesIndex_is_the_mean_of_the_six_services_over_4()
    {
        // health 4, education 3, water 2, employment 1, housing 0, psychosocial 2 → Σ = 12, mean 2, / 4 = .5
        var a = Assessment(new ServiceLevels(4, 3, 2, 1, 0, 2));
        Assert.Equal(0.5, a.ServicesIndex, 12);
    }

    [Fact]
    public void ServicesIndex_with_a_mean_that_is_not_an_integer()
    {
        // 4 + 4 + 4 + 3 + 3 + 1 = 19 → mean 19/6 → / 4 = 19/24 ≈ .791667 (no integer division)
        var a = Assessment(new ServiceLevels(4, 4, 4, 3, 3, 1));
        Assert.Equal(19.0 / 24.0, a.ServicesIndex, 12);
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(4, 1.0)]
    public void ServicesIndex_extremes(int level, double expected) =>
        Assert.Equal(expected, Assessment(new ServiceLevels(level, level, level, level, level, level)).ServicesIndex, 12);

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, 0.25)]
    [InlineData(2, 0.5)]
    [InlineData(3, 0.75)]
    [InlineData(4, 1.0)]
    public void CohesionIndex_is_cohesion_over_4(int cohesion, double expected) =>
        Assert.Equal(expected, Assessment(new ServiceLevels(2, 2, 2, 2, 2, 2), cohesion).CohesionIndex, 12);

    [Fact]
    public void JointParticipationShare_is_non_migrants_over_all_participants_across_projects()
    {
        // non-migrants 30 + 5 = 35; all = 35 + returnees (10 + 5) = 50 → .7
        var a = Assessment(new ServiceLevels(2, 2, 2, 2, 2, 2), 2,
            new CommunityProject("p1", "livelihood", ReturneeParticipants: 10, NonMigrantParticipants: 30),
            new CommunityProject("p2", "sports", ReturneeParticipants: 5, NonMigrantParticipants: 5));
        Assert.Equal(0.7, a.JointParticipationShare!.Value, 12);
    }

    [Fact]
    public void JointParticipationShare_pools_participants_not_project_shares()
    {
        // project shares 1/2 and 1/10 would average to .3; pooled: (1 + 1) / (2 + 10) = 1/6
        var a = Assessment(new ServiceLevels(2, 2, 2, 2, 2, 2), 2,
            new CommunityProject("p1", "a", 1, 1),
            new CommunityProject("p2", "b", 9, 1));
        Assert.Equal(1.0 / 6.0, a.JointParticipationShare!.Value, 12);
    }

    [Fact]
    public void JointParticipationShare_is_null_without_participants()
    {
        Assert.Null(Assessment(new ServiceLevels(2, 2, 2, 2, 2, 2)).JointParticipationShare);
        Assert.Null(Assessment(new ServiceLevels(2, 2, 2, 2, 2, 2), 2, new CommunityProject("p1", "a", 0, 0)).JointParticipationShare);
    }

    [Fact]
    public void JointParticipationShare_does_not_overflow_with_large_counts()
    {
        var a = Assessment(new ServiceLevels(2, 2, 2, 2, 2, 2), 2,
            new CommunityProject("p1", "a", int.MaxValue, int.MaxValue),
            new CommunityProject("p2", "b", int.MaxValue, int.MaxValue));
        Assert.Equal(0.5, a.JointParticipationShare!.Value, 12);
    }

    [Fact]
    public void ContentEquals_compares_projects_by_value()
    {
        var services = new ServiceLevels(1, 2, 3, 4, 0, 1);
        var a = Assessment(services, 3, new CommunityProject("p1", "a", 1, 2));
        var same = Assessment(services with { }, 3, new CommunityProject("p1", "a", 1, 2));
        var other = Assessment(services, 3, new CommunityProject("p1", "a", 1, 3));
        Assert.True(a.ContentEquals(same));
        Assert.False(a.ContentEquals(other));
        Assert.False(a.ContentEquals(a with { Population = 1 }));
    }
}
