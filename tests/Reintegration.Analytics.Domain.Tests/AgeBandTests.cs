using Reintegration.Analytics.Domain.Vocabulary;

namespace Reintegration.Analytics.Domain.Tests;

/// <summary>SPEC §2.1: 0-17, 18-24, 25-34, 35-49, 50+; absent age → unknown.</summary>
public class AgeBandTests
{
    [Theory]
    [InlineData(0, "0-17")]
    [InlineData(1, "0-17")]
    [InlineData(17, "0-17")]
    [InlineData(18, "18-24")]
    [InlineData(24, "18-24")]
    [InlineData(25, "25-34")]
    [InlineData(34, "25-34")]
    [InlineData(35, "35-49")]
    [InlineData(49, "35-49")]
    [InlineData(50, "50+")]
    [InlineData(51, "50+")]
    [InlineData(99, "50+")]
    [InlineData(120, "50+")]
    public void Band_of_age(int age, string band) => Assert.Equal(band, AgeBand.Of(age));

    [Fact]
    public void Absent_age_is_unknown() => Assert.Equal("unknown", AgeBand.Of(null));

    [Fact]
    public void All_lists_every_band_once()
    {
        Assert.Equal(["0-17", "18-24", "25-34", "35-49", "50+", "unknown"], AgeBand.All);
        var produced = Enumerable.Range(0, 121).Select(a => AgeBand.Of(a)).Append(AgeBand.Of(null)).Distinct();
        Assert.Equal(AgeBand.All.Order(StringComparer.Ordinal), produced.Order(StringComparer.Ordinal));
    }
}
