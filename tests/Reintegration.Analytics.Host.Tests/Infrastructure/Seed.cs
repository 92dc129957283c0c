namespace Reintegration.Analytics.Host.Tests.Infrastructure;

/// <summary>Record bodies with sensible defaults, and shortcuts to register what a test needs.</summary>
public static class Seed
{
    public static object Community(string country, string name = "Test community") => new { country, name };

    public static Dictionary<string, object?> Returnee(
        string country, string communityId, string sex = "female", int? ageAtReturn = 30,
        string? returnDate = null, string returnType = "avrr") => new()
    {
        ["country"] = country,
        ["communityId"] = communityId,
        ["sex"] = sex,
        ["ageAtReturn"] = ageAtReturn,
        ["returnDate"] = returnDate ?? Days.Ago(100),
        ["returnType"] = returnType,
    };

    public static object Survey(string date, string round, IReadOnlyDictionary<string, object> answers) =>
        new { date, round, answers };

    /// <summary>Registers a community and returns its id.</summary>
    public static async Task<string> NewCommunity(this ApiClient api, string country, string prefix = "com")
    {
        var id = Ids.New(prefix);
        Assert.Equal("applied", await api.MustPut($"/communities/{id}", Community(country)));
        return id;
    }

    /// <summary>Registers a community and one returnee in it; returns (communityId, caseId).</summary>
    public static async Task<(string CommunityId, string CaseId)> NewReturnee(this ApiClient api, string country, string sex = "female", int? age = 30)
    {
        var communityId = await api.NewCommunity(country);
        var caseId = Ids.New("case");
        Assert.Equal("applied", await api.MustPut($"/returnees/{caseId}", Returnee(country, communityId, sex, age)));
        return (communityId, caseId);
    }
}
