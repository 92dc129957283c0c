using System.Text.Json;
using Reintegration.Analytics.Domain.Aggregation;

namespace Reintegration.Analytics.Persistence.ReadModel;

/// <summary>
/// The columns of the read model tables and how a document fills them: the figures dashboards
/// chart most, as plain columns (suppressed cells are NULL), plus the whole document as JSON.
/// </summary>
internal static class IndicatorRows
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly string[] CommonColumns =
    [
        "returnees", "surveyed",
        "economic_mean", "economic_n", "social_mean", "social_n", "psychosocial_mean", "psychosocial_n", "composite_mean", "composite_n",
        "sustainable_share", "improvement_mean", "improvement_n", "followup_coverage", "remigration_necessity_share",
        "followup_due", "followup_covered", "followup_open", "followup_overdue", "followup_missed",
        "suppressed", "document", "updated_at",
    ];

    public static readonly string[] CommunityColumns =
    [
        "community_id", "country", "region", "name", "admin1", "latitude", "longitude",
        "services_index", "cohesion_index", "joint_participation_share", "population", "return_pressure",
        .. CommonColumns,
    ];

    public static readonly string[] CountryColumns =
    [
        "country", "region", "communities", "structural_index",
        .. CommonColumns,
    ];

    public static object?[] Community(CommunityAggregateDocument d) =>
    [
        d.CommunityId, d.Country, d.Region, d.Name, d.Admin1, d.Latitude, d.Longitude,
        d.ServicesIndex, d.CohesionIndex, d.JointParticipationShare, d.Population, d.ReturnPressure,
        .. Common(d, JsonSerializer.Serialize(d, Json)),
    ];

    public static object?[] Country(CountryAggregateDocument d) =>
    [
        d.Country, d.Region, d.Communities, d.StructuralIndex,
        .. Common(d, JsonSerializer.Serialize(d, Json)),
    ];

    private static object?[] Common(AggregateDocument d, string document) =>
    [
        d.Returnees, d.Surveyed,
        d.Scores["economic"].Mean, d.Scores["economic"].N, d.Scores["social"].Mean, d.Scores["social"].N,
        d.Scores["psychosocial"].Mean, d.Scores["psychosocial"].N, d.Scores["composite"].Mean, d.Scores["composite"].N,
        d.SustainableShare, d.Improvement.Mean, d.Improvement.N, d.FollowUpCoverage, d.RemigrationNecessityShare,
        d.FollowUp.Due, d.FollowUp.Covered, d.FollowUp.Open, d.FollowUp.Overdue, d.FollowUp.Missed,
        d.Suppressed, document, d.AsOf.UtcDateTime,
    ];
}
