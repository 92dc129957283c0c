using Orleans;

namespace Reintegration.Analytics.Domain.Records;

/// <summary>A community-level assessment (SPEC §2.5); service and cohesion levels are 0..4.</summary>
[GenerateSerializer, Immutable, Alias("CommunityAssessment")]
public sealed record CommunityAssessment(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] long Population,
    [property: Id(2)] ServiceLevels Services,
    [property: Id(3)] int Cohesion,
    [property: Id(4)] IReadOnlyList<CommunityProject> Projects)
{
    public bool ContentEquals(CommunityAssessment other) =>
        this with { Projects = [] } == other with { Projects = [] } && Projects.SequenceEqual(other.Projects);

    public double ServicesIndex =>
        (Services.Health + Services.Education + Services.Water + Services.Employment + Services.Housing + Services.Psychosocial) / 6.0 / 4.0;

    public double CohesionIndex => Cohesion / 4.0;

    /// <summary>Share of non-migrants among all project participants; null when there are none.</summary>
    public double? JointParticipationShare
    {
        get
        {
            long nonMigrants = Projects.Sum(p => (long)p.NonMigrantParticipants);
            long all = nonMigrants + Projects.Sum(p => (long)p.ReturneeParticipants);
            return all == 0 ? null : (double)nonMigrants / all;
        }
    }
}

[GenerateSerializer, Immutable, Alias("ServiceLevels")]
public sealed record ServiceLevels(
    [property: Id(0)] int Health,
    [property: Id(1)] int Education,
    [property: Id(2)] int Water,
    [property: Id(3)] int Employment,
    [property: Id(4)] int Housing,
    [property: Id(5)] int Psychosocial);

[GenerateSerializer, Immutable, Alias("CommunityProject")]
public sealed record CommunityProject(
    [property: Id(0)] string ProjectId,
    [property: Id(1)] string Type,
    [property: Id(2)] int ReturneeParticipants,
    [property: Id(3)] int NonMigrantParticipants);
