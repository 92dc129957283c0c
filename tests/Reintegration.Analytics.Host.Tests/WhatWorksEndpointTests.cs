using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Host.Tests.Infrastructure;

namespace Reintegration.Analytics.Host.Tests;

/// <summary>"What works" through the API (country BEN): the timing rule and the Welch interval of each difference.</summary>
[Collection(ApiCollection.Name)]
public sealed class WhatWorksEndpointTests(ApiFactory factory)
{
    private readonly ApiClient _api = factory.Api;

    /// <summary>Best answers with two items lowered, so returnees' composites differ.</summary>
    private static Dictionary<string, object> Variant(int k)
    {
        var answers = Answers.Best("none");
        answers["econ_satisfaction"] = 1 + k % 5;
        answers["support_network"] = 1 + k * 2 % 5;
        return answers;
    }

    [Fact]
    public async Task Each_difference_comes_with_its_interval_and_counts_only_assistance_by_the_current_survey()
    {
        const string country = "BEN";
        var community = await _api.NewCommunity(country);
        var received = new MeanAccumulator();
        var notReceived = new MeanAccumulator();
        for (var i = 0; i < 7; i++)
        {
            var caseId = Ids.New("ww");
            await _api.MustPut($"/returnees/{caseId}", Seed.Returnee(country, community, returnDate: Days.Ago(300)));
            await _api.MustPut($"/returnees/{caseId}/surveys/base", Seed.Survey(Days.Ago(290), "baseline", Answers.Worst("necessity")));
            await _api.MustPut($"/returnees/{caseId}/surveys/m9", Seed.Survey(Days.Ago(10), "m9", Variant(i)));
            // Cases 0–2 had cash before their current survey; case 3 only after it, so it has not "received" it yet.
            if (i < 4)
                await _api.MustPut($"/returnees/{caseId}/assistance/cash",
                    new { date = Days.Ago(i < 3 ? 20 : 5), type = "cash", modality = "direct", amountUsd = 100 });
            (i < 3 ? received : notReceived).Add(Answers.Score(Variant(i)).Composite!.Value); // the baseline's composite is 0
        }

        var expected = WelchInterval.Between(received, notReceived)!;
        var document = await _api.Eventually($"/countries/{country}", d => Assert.Equal(7, d["improvement"]!["n"]!.GetValue<long>()));
        var cash = document["whatWorks"]!.AsArray().Single(r => r!["type"]!.GetValue<string>() == "cash")!;

        Assert.Equal(3, cash["received"]!["n"]!.GetValue<long>());
        Assert.Equal(4, cash["notReceived"]!["n"]!.GetValue<long>());
        Assert.Equal(received.Mean!.Value, cash["received"]!["mean"]!.GetValue<double>(), 12);
        Assert.Equal(expected.Difference, cash["difference"]!.GetValue<double>(), 12);
        Assert.Equal(expected.CiLow!.Value, cash["ciLow"]!.GetValue<double>(), 12);
        Assert.Equal(expected.CiHigh!.Value, cash["ciHigh"]!.GetValue<double>(), 12);
        Assert.True(cash["ciLow"]!.GetValue<double>() < cash["difference"]!.GetValue<double>());
        Assert.True(cash["difference"]!.GetValue<double>() < cash["ciHigh"]!.GetValue<double>());
    }
}
