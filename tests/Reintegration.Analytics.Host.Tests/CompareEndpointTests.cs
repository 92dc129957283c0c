using System.Net;
using System.Text.Json.Nodes;
using Reintegration.Analytics.Host.Tests.Infrastructure;

namespace Reintegration.Analytics.Host.Tests;

/// <summary>
/// GET /compare (countries SEN and GIN). Both tests that write share one seeding so the expected rows
/// are exact whatever order xunit runs them in.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CompareEndpointTests(ApiFactory factory)
{
    private readonly ApiClient _api = factory.Api;

    private static readonly SemaphoreSlim SeedLock = new(1, 1);
    private static bool _seeded;

    /// <summary>
    /// SEN: 2 female (Best → composite 1, Worst → 0) and 1 male without a survey.
    /// GIN: 1 male (MidWithYes → 0.641666…) and 1 "other" (Best → 1).
    /// </summary>
    private async Task SeedOnce()
    {
        await SeedLock.WaitAsync();
        try
        {
            if (_seeded) return;
            var sen = await _api.NewCommunity("SEN");
            var gin = await _api.NewCommunity("GIN");
            async Task Add(string country, string community, string sex, int age, string returnType, Dictionary<string, object>? answers)
            {
                var caseId = Ids.New("case");
                await _api.MustPut($"/returnees/{caseId}", Seed.Returnee(country, community, sex, age, Days.Ago(100), returnType));
                if (answers is not null) await _api.MustPut($"/returnees/{caseId}/surveys/s1", Seed.Survey(Days.Ago(5), "m3", answers));
            }
            await Add("SEN", sen, "female", 20, "avrr", Answers.Best());
            await Add("SEN", sen, "female", 30, "avrr", Answers.Worst());
            await Add("SEN", sen, "male", 40, "forced", null);
            await Add("GIN", gin, "male", 20, "vhr", Answers.MidWithYes());
            await Add("GIN", gin, "other", 60, "avrr", Answers.Best());
            _seeded = true;
        }
        finally
        {
            SeedLock.Release();
        }
    }

    private static JsonNode Row(JsonNode compare, string country, string? group = null) =>
        compare["rows"]!.AsArray().Single(r => r!["country"]!.GetValue<string>() == country && r["group"]?.GetValue<string>() == group)!;

    [Fact]
    public async Task Compare_gives_one_row_per_country()
    {
        await SeedOnce();
        await _api.Eventually("/compare?countries=SEN,GIN", compare =>
        {
            var rows = compare["rows"]!.AsArray();
            Assert.Equal(2, rows.Count);
            Assert.Equal(["GIN", "SEN"], rows.Select(r => r!["country"]!.GetValue<string>()).Order());

            var sen = Row(compare, "SEN");
            Assert.Equal("WCA", sen["region"]!.GetValue<string>());
            Assert.Equal(3, sen["returnees"]!.GetValue<long>());
            Assert.Equal(2, sen["surveyed"]!.GetValue<long>());
            Assert.Equal(0.5, sen["scores"]!["composite"]!["mean"]!.GetValue<double>(), 1e-9);
            Assert.Equal(2, sen["scores"]!["composite"]!["n"]!.GetValue<long>());
            Assert.Equal(0.5, sen["sustainableShare"]!.GetValue<double>(), 1e-9);

            var gin = Row(compare, "GIN");
            Assert.Equal(2, gin["returnees"]!.GetValue<long>());
            Assert.Equal((1.0 + Answers.MidWithYesComposite) / 2, gin["scores"]!["composite"]!["mean"]!.GetValue<double>(), 1e-9);
            Assert.Equal((1.0 + 0.75) / 2, gin["scores"]!["economic"]!["mean"]!.GetValue<double>(), 1e-9);
            Assert.Equal(1.0, gin["sustainableShare"]!.GetValue<double>(), 1e-9);
        });
    }

    [Fact]
    public async Task Compare_by_sex_gives_one_row_per_country_and_group()
    {
        await SeedOnce();
        await _api.Eventually("/compare?countries=SEN,GIN&by=sex", compare =>
        {
            Assert.Equal("sex", compare["by"]!.GetValue<string>());
            var rows = compare["rows"]!.AsArray();
            Assert.Equal(10, rows.Count); // 2 countries × (female, male, other, unknown, and the country's total)
            Assert.Equal(3, Row(compare, "SEN")["returnees"]!.GetValue<long>());

            var senFemale = Row(compare, "SEN", "female");
            Assert.Equal(2, senFemale["returnees"]!.GetValue<long>());
            Assert.Equal(0.5, senFemale["scores"]!["composite"]!["mean"]!.GetValue<double>(), 1e-9);
            var senMale = Row(compare, "SEN", "male");
            Assert.Equal(1, senMale["returnees"]!.GetValue<long>());
            Assert.Equal(0, senMale["surveyed"]!.GetValue<long>());
            Assert.Null(senMale["scores"]!["composite"]!["mean"]);
            Assert.Equal(0, Row(compare, "SEN", "other")["returnees"]!.GetValue<long>());

            var ginMale = Row(compare, "GIN", "male");
            Assert.Equal(Answers.MidWithYesComposite, ginMale["scores"]!["composite"]!["mean"]!.GetValue<double>(), 1e-9);
            Assert.Equal(1.0, Row(compare, "GIN", "other")["scores"]!["composite"]!["mean"]!.GetValue<double>(), 1e-9);
        });
    }

    [Fact]
    public async Task Compare_by_age_band_and_return_type()
    {
        await SeedOnce();
        await _api.Eventually("/compare?countries=SEN&by=ageBand", compare =>
        {
            Assert.Equal(7, compare["rows"]!.AsArray().Count);
            Assert.Equal(1, Row(compare, "SEN", "18-24")["returnees"]!.GetValue<long>());
            Assert.Equal(1, Row(compare, "SEN", "25-34")["returnees"]!.GetValue<long>());
            Assert.Equal(1, Row(compare, "SEN", "35-49")["returnees"]!.GetValue<long>());
        });
        await _api.Eventually("/compare?countries=GIN&by=returnType", compare =>
        {
            Assert.Equal(5, compare["rows"]!.AsArray().Count);
            Assert.Equal(1, Row(compare, "GIN", "vhr")["returnees"]!.GetValue<long>());
            Assert.Equal(1, Row(compare, "GIN", "avrr")["returnees"]!.GetValue<long>());
            Assert.Equal(0, Row(compare, "GIN", "forced")["returnees"]!.GetValue<long>());
        });
    }

    [Fact]
    public async Task Every_row_carries_the_headline_figures_and_each_country_a_total_row()
    {
        // Country GAB is used by no other test.
        var community = await _api.NewCommunity("GAB");
        var female = Ids.New("case");
        await _api.MustPut($"/returnees/{female}", Seed.Returnee("GAB", community, "female", 30, Days.Ago(400)));
        await _api.MustPut($"/returnees/{female}/surveys/base", Seed.Survey(Days.Ago(395), "baseline", Answers.Worst("necessity")));
        await _api.MustPut($"/returnees/{female}/surveys/m12", Seed.Survey(Days.Ago(100), "m12", Answers.Best("none"))); // day 300: covered
        var male = Ids.New("case");
        await _api.MustPut($"/returnees/{male}", Seed.Returnee("GAB", community, "male", 40, Days.Ago(400)));
        await _api.MustPut($"/returnees/{male}/surveys/base", Seed.Survey(Days.Ago(390), "baseline", Answers.Best("necessity")));
        var items = new[] { "national_policy", "sops", "referral_mechanism", "coordination_body", "local_ownership", "access_health" };
        await _api.MustPut("/countries/GAB/assessments/2026", new { date = Days.Ago(30), items = items.ToDictionary(i => i, _ => 2) });

        await _api.Eventually("/compare?countries=GAB&by=sex", compare =>
        {
            var total = Row(compare, "GAB");
            Assert.Equal(2, total["returnees"]!.GetValue<long>());
            Assert.Equal(1.0, total["improvement"]!["mean"]!.GetValue<double>(), 1e-9);
            Assert.Equal(1, total["improvement"]!["n"]!.GetValue<long>());
            Assert.Equal(0.5, total["followUpCoverage"]!.GetValue<double>(), 1e-9);
            Assert.Equal(0.5, total["remigrationNecessityShare"]!.GetValue<double>(), 1e-9);
            Assert.Equal(0.5, total["structuralIndex"]!.GetValue<double>(), 1e-9);

            var women = Row(compare, "GAB", "female");
            Assert.Equal(1.0, women["improvement"]!["mean"]!.GetValue<double>(), 1e-9);
            Assert.Equal(1.0, women["followUpCoverage"]!.GetValue<double>(), 1e-9);
            Assert.Equal(0.0, women["remigrationNecessityShare"]!.GetValue<double>(), 1e-9);
            Assert.Null(women["structuralIndex"]);
            var men = Row(compare, "GAB", "male");
            Assert.Null(men["improvement"]!["mean"]);
            Assert.Equal(0.0, men["followUpCoverage"]!.GetValue<double>(), 1e-9);
            Assert.Equal(1.0, men["remigrationNecessityShare"]!.GetValue<double>(), 1e-9);
            Assert.Equal("GAB", compare["rows"]!.AsArray()[^1]!["country"]!.GetValue<string>());
            Assert.Null(compare["rows"]!.AsArray()[^1]!["group"]); // groups first, then the total
        });
    }

    [Theory]
    [InlineData("/compare?countries=SEN,GIN&by=age", "by")]
    [InlineData("/compare?countries=SEN&by=Sex", "by")]
    [InlineData("/compare?countries=SEN,xx", "countries")]
    [InlineData("/compare?countries=SEN,XXX", "countries")]
    [InlineData("/compare?countries=sen", "countries")]
    public async Task Bad_compare_query_is_400(string path, string field)
    {
        ApiClient.AssertProblem(await _api.Get(path), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Compare_without_countries_covers_every_country_seen()
    {
        await SeedOnce();
        await _api.Eventually("/compare", compare =>
        {
            var countries = compare["rows"]!.AsArray().Select(r => r!["country"]!.GetValue<string>()).ToList();
            Assert.Contains("SEN", countries);
            Assert.Contains("GIN", countries);
        });
    }
}
