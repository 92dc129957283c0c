using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Returnees;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Grains.Tests;

/// <summary>
/// Membership rows written by an older version (derivation 0: no what-works timing, old improvement rule)
/// are derived again by their returnees when a community loads them, so figures follow the current rules.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ContributionRefreshTests(ClusterFixture fixture)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task A_community_that_loads_a_stale_row_has_it_derived_and_stored_again()
    {
        var grains = fixture.Grains;
        await grains.Community("refresh.1").PutProfile(new CommunityProfile("STP", "São Tomé", null, null, null));
        var returnee = grains.Returnee("refresh-1");
        await returnee.PutProfile(new ReturneeProfile("STP", "refresh.1", "male", 30, Today.AddDays(-200), "avrr", null, null, []));
        await returnee.PutSurvey("base", UniformSurvey.Of(Today.AddDays(-190), "baseline", "1"));
        await returnee.PutSurvey("same-day", UniformSurvey.Of(Today.AddDays(-190), "m3", "5")); // current, but not later than the baseline

        // What an older version stored: that survey counted as an improvement, and no derivation number.
        var current = await StoredAsync("refresh-1");
        Assert.Null(current.Improvement);
        await StoreAsync(current with { Improvement = 1.0, AssistedByCurrentSurvey = null!, Derivation = 0 });

        await grains.Community("refresh.1").Reload();

        await Eventually.Holds(async () =>
        {
            var stored = await StoredAsync("refresh-1");
            Assert.False(stored.IsStale);
            Assert.Null(stored.Improvement);
            Assert.True(stored.Version > current.Version);
            var report = await grains.Community("refresh.1").GetReport();
            Assert.Equal(0, report!.Summary.All.Improvement.Count);
        }, TimeSpan.FromSeconds(10));
    }

    private Serializer Serializer => fixture.Cluster.Client.ServiceProvider.GetRequiredService<Serializer>();

    private async Task<ReturneeContribution> StoredAsync(string caseId)
    {
        await using var connection = new SqliteConnection(fixture.Storage.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT contribution FROM community_members WHERE case_id = $case";
        command.Parameters.AddWithValue("$case", caseId);
        return Serializer.Deserialize<ReturneeContribution>((byte[])(await command.ExecuteScalarAsync())!)!;
    }

    private async Task StoreAsync(ReturneeContribution contribution)
    {
        await using var connection = new SqliteConnection(fixture.Storage.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE community_members SET contribution = $contribution WHERE case_id = $case";
        command.Parameters.AddWithValue("$contribution", Serializer.SerializeToArray(contribution));
        command.Parameters.AddWithValue("$case", contribution.CaseId);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
