using Reintegration.Analytics.Domain.Instruments;

namespace Reintegration.Analytics.Domain.Tests;

/// <summary>SPEC §2.2 answer scales: every accepted answer and its value in [0,1].</summary>
public class AnswerScaleTests
{
    // likert5: value = (a - 1) / 4  →  1→0/4, 2→1/4, 3→2/4, 4→3/4, 5→4/4
    [Theory]
    [InlineData("1", "0")]
    [InlineData("2", "0.25")]
    [InlineData("3", "0.5")]
    [InlineData("4", "0.75")]
    [InlineData("5", "1")]
    public void Likert5_maps_a_to_a_minus_1_over_4(string answer, string expected) =>
        AssertValue(AnswerScale.Likert5, answer, decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    // likert5r: value = (5 - a) / 4  →  1→4/4, 2→3/4, 3→2/4, 4→1/4, 5→0/4
    [Theory]
    [InlineData("1", "1")]
    [InlineData("2", "0.75")]
    [InlineData("3", "0.5")]
    [InlineData("4", "0.25")]
    [InlineData("5", "0")]
    public void Likert5Reversed_maps_a_to_5_minus_a_over_4(string answer, string expected) =>
        AssertValue(AnswerScale.Likert5Reversed, answer, decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData(AnswerScale.YesNo, "yes", 1)]
    [InlineData(AnswerScale.YesNo, "no", 0)]
    [InlineData(AnswerScale.YesNoReversed, "yes", 0)]
    [InlineData(AnswerScale.YesNoReversed, "no", 1)]
    public void YesNo_and_reversed(AnswerScale scale, string answer, int expected) =>
        AssertValue(scale, answer, expected);

    [Theory]
    [InlineData("debt_larger", "0")]
    [InlineData("about_equal", "0.5")]
    [InlineData("spending_larger", "1")]
    [InlineData("no_debt", "1")]
    public void Debt(string answer, string expected) =>
        AssertValue(AnswerScale.Debt, answer, decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData(AnswerScale.Likert5, "0")]
    [InlineData(AnswerScale.Likert5, "6")]
    [InlineData(AnswerScale.Likert5, "3.5")]
    [InlineData(AnswerScale.Likert5, "-1")]
    [InlineData(AnswerScale.Likert5, "")]
    [InlineData(AnswerScale.Likert5, " 3")]
    [InlineData(AnswerScale.Likert5, "yes")]
    [InlineData(AnswerScale.Likert5Reversed, "0")]
    [InlineData(AnswerScale.Likert5Reversed, "6")]
    [InlineData(AnswerScale.Likert5Reversed, "2.0")]
    [InlineData(AnswerScale.YesNo, "maybe")]
    [InlineData(AnswerScale.YesNo, "1")]
    [InlineData(AnswerScale.YesNo, "")]
    [InlineData(AnswerScale.YesNoReversed, "maybe")]
    [InlineData(AnswerScale.Debt, "debt")]
    [InlineData(AnswerScale.Debt, "yes")]
    [InlineData(AnswerScale.Debt, "3")]
    public void Other_answers_are_not_values(AnswerScale scale, string answer) =>
        Assert.False(AnswerScales.TryValue(scale, answer, out _));

    [Theory]
    [InlineData(AnswerScale.Likert5)]
    [InlineData(AnswerScale.Likert5Reversed)]
    [InlineData(AnswerScale.YesNo)]
    [InlineData(AnswerScale.YesNoReversed)]
    [InlineData(AnswerScale.Debt)]
    public void Na_is_not_a_value_of_any_scale_it_is_handled_as_missing_by_the_scorer(AnswerScale scale) =>
        Assert.False(AnswerScales.TryValue(scale, "na", out _));

    [Theory]
    [InlineData("likert5", AnswerScale.Likert5)]
    [InlineData("likert5r", AnswerScale.Likert5Reversed)]
    [InlineData("yesno", AnswerScale.YesNo)]
    [InlineData("yesnor", AnswerScale.YesNoReversed)]
    [InlineData("debt", AnswerScale.Debt)]
    public void Scale_names_parse(string name, AnswerScale expected)
    {
        Assert.True(AnswerScales.TryParseName(name, out var scale));
        Assert.Equal(expected, scale);
    }

    [Theory]
    [InlineData("Likert5")]
    [InlineData("likert7")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_scale_names_do_not_parse(string? name) =>
        Assert.False(AnswerScales.TryParseName(name, out _));

    [Theory]
    [InlineData(AnswerScale.Likert5, "1..5")]
    [InlineData(AnswerScale.YesNo, "\"yes\"")]
    [InlineData(AnswerScale.Debt, "\"spending_larger\"")]
    public void Describe_names_the_accepted_answers(AnswerScale scale, string fragment) =>
        Assert.Contains(fragment, AnswerScales.Describe(scale));

    private static void AssertValue(AnswerScale scale, string answer, decimal expected)
    {
        Assert.True(AnswerScales.TryValue(scale, answer, out var value));
        Assert.Equal(expected, value);
    }
}
