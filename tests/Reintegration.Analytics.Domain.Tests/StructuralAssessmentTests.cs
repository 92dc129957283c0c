using Reintegration.Analytics.Domain.Records;

namespace Reintegration.Analytics.Domain.Tests;

/// <summary>SPEC §2.5: structuralIndex = mean of the answered items / 4, at least 6 answered, else null.</summary>
public class StructuralAssessmentTests
{
    private static StructuralAssessment With(params int[] values) =>
        new(new DateOnly(2025, 1, 1),
            StructuralAssessment.ItemNames.Zip(values).ToDictionary(p => p.First, p => p.Second));

    [Fact]
    public void Eleven_items_are_defined()
    {
        Assert.Equal(
            ["national_policy", "sops", "referral_mechanism", "coordination_body", "mainstreamed_in_development_plans",
             "local_ownership", "access_health", "access_education", "access_employment", "access_housing", "access_psychosocial"],
            StructuralAssessment.ItemNames);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    public void Fewer_than_six_answered_items_give_null(int answered) =>
        Assert.Null(With(Enumerable.Repeat(4, answered).ToArray()).StructuralIndex);

    [Fact]
    public void Exactly_six_answered_items_give_mean_over_4()
    {
        // 0 + 1 + 2 + 3 + 4 + 2 = 12, mean 2, / 4 = .5
        Assert.Equal(0.5, With(0, 1, 2, 3, 4, 2).StructuralIndex!.Value, 12);
    }

    [Fact]
    public void Mean_is_over_the_answered_items_only()
    {
        // seven answered: 4 × 6 + 0 = 24, mean 24/7, / 4 = 6/7 ≈ .857143 (not 24 / 11 / 4)
        Assert.Equal(6.0 / 7.0, With(4, 4, 4, 4, 4, 4, 0).StructuralIndex!.Value, 12);
    }

    [Fact]
    public void All_eleven_answered()
    {
        // 3 × 11 = 33 → mean 3 → .75 ; and all 4 → 1 ; all 0 → 0
        Assert.Equal(0.75, With(3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3).StructuralIndex!.Value, 12);
        Assert.Equal(1.0, With(4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4).StructuralIndex!.Value, 12);
        Assert.Equal(0.0, With(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0).StructuralIndex!.Value, 12);
    }

    [Fact]
    public void Mean_that_is_not_an_integer()
    {
        // 1 + 2 + 2 + 2 + 2 + 2 + 2 + 2 = 15 over 8 answered → 1.875 / 4 = .46875
        Assert.Equal(0.46875, With(1, 2, 2, 2, 2, 2, 2, 2).StructuralIndex!.Value, 12);
    }

    [Fact]
    public void ContentEquals_ignores_dictionary_order()
    {
        var a = new StructuralAssessment(new DateOnly(2025, 1, 1), new Dictionary<string, int> { ["sops"] = 1, ["national_policy"] = 2 });
        var b = new StructuralAssessment(new DateOnly(2025, 1, 1), new Dictionary<string, int> { ["national_policy"] = 2, ["sops"] = 1 });
        Assert.True(a.ContentEquals(b));
        Assert.False(a.ContentEquals(b with { Date = new DateOnly(2025, 1, 2) }));
        Assert.False(a.ContentEquals(new StructuralAssessment(a.Date, new Dictionary<string, int> { ["sops"] = 1, ["national_policy"] = 3 })));
        Assert.False(a.ContentEquals(new StructuralAssessment(a.Date, new Dictionary<string, int> { ["sops"] = 1 })));
    }
}
