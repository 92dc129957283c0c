using CsCheck;
using Reintegration.Analytics.Domain.Instruments;
using Reintegration.Analytics.Domain.Scoring;
using Reintegration.Analytics.Domain.Vocabulary;
using static Reintegration.Analytics.Domain.Tests.DomainTestData;

namespace Reintegration.Analytics.Domain.Tests;

/// <summary>SPEC §2.2 scoring of one survey, expected numbers worked out by hand.</summary>
public class SurveyScorerTests
{
    // ---------------------------------------------------------------- every scale, through the scorer

    // Instrument with a single item of weight 1 per dimension: the dimension score is the item's value.
    [Theory]
    [InlineData("likert5", "1", 0.0)]
    [InlineData("likert5", "2", 0.25)]
    [InlineData("likert5", "3", 0.5)]
    [InlineData("likert5", "4", 0.75)]
    [InlineData("likert5", "5", 1.0)]
    [InlineData("likert5r", "1", 1.0)]
    [InlineData("likert5r", "2", 0.75)]
    [InlineData("likert5r", "3", 0.5)]
    [InlineData("likert5r", "4", 0.25)]
    [InlineData("likert5r", "5", 0.0)]
    [InlineData("yesno", "yes", 1.0)]
    [InlineData("yesno", "no", 0.0)]
    [InlineData("yesnor", "yes", 0.0)]
    [InlineData("yesnor", "no", 1.0)]
    [InlineData("debt", "debt_larger", 0.0)]
    [InlineData("debt", "about_equal", 0.5)]
    [InlineData("debt", "spending_larger", 1.0)]
    [InlineData("debt", "no_debt", 1.0)]
    public void Each_scale_value_becomes_the_dimension_score_of_a_single_item_dimension(string scale, string answer, double expected)
    {
        var instrument = Load(OneItemPerDimension(economicScale: scale));
        var answers = Answers(("e", answer), ("s", "3"), ("p", "3"));

        Assert.Empty(SurveyScorer.Validate(instrument, answers));
        var scores = SurveyScorer.Score(instrument, answers);

        Assert.Equal(expected, scores.Economic!.Value, Precision);
        Assert.Equal(0.5, scores.Social!.Value, Precision); // likert 3 → (3-1)/4
        Assert.Equal(0.5, scores.Psychosocial!.Value, Precision);
        // composite = (v + 0.5 + 0.5) / 3
        Assert.Equal((expected + 1.0) / 3.0, scores.Composite!.Value, Precision);
    }

    // ---------------------------------------------------------------- a full survey, default instrument

    public static Dictionary<string, string> FullSurvey() => Answers(
        // economic (all 8 answered, answered weight 1.00)
        ("econ_satisfaction", "4"),        // likert5  .15 × .75 = .1125
        ("food_reduction", "2"),           // likert5r .15 × .75 = .1125
        ("can_borrow", "yes"),             // yesno    .10 × 1   = .1000
        ("borrowing_frequency", "5"),      // likert5r .10 × 0   = 0
        ("debt_vs_spending", "about_equal"), // debt   .10 × .5  = .0500
        ("employed", "no"),                // yesno    .20 × 0   = 0
        ("productive_assets", "yes"),      // yesno    .10 × 1   = .1000
        ("job_search_access", "no"),       // yesno    .10 × 0   = 0
                                           // E = .475 / 1.00 = .475
        // social (education_access is na: answered weight .90)
        ("housing_access", "3"),           // likert5 .15 × .5  = .075
        ("housing_standard", "2"),         // likert5 .10 × .25 = .025
        ("education_access", "na"),        // missing
        ("justice_access", "1"),           // likert5 .10 × 0   = 0
        ("documentation", "yes"),          // yesno   .15 × 1   = .15
        ("water_access", "5"),             // likert5 .15 × 1   = .15
        ("health_access", "4"),            // likert5 .15 × .75 = .1125
        ("health_quality", "3"),           // likert5 .10 × .5  = .05
                                           // S = .5625 / .90 = .625
        // psychosocial (all 9 answered, answered weight 1.00)
        ("social_participation", "5"),     // likert5  .10 × 1   = .10
        ("support_network", "4"),          // likert5  .15 × .75 = .1125
        ("belonging", "3"),                // likert5  .10 × .5  = .05
        ("physical_safety", "5"),          // likert5  .15 × 1   = .15
        ("family_tensions", "1"),          // likert5r .10 × 1   = .10
        ("discrimination", "3"),           // likert5r .10 × .5  = .05
        ("distress", "4"),                 // likert5r .10 × .25 = .025
        ("wants_psych_support", "yes"),    // yesnor   .05 × 0   = 0
        ("able_to_stay", "yes"),           // yesno    .15 × 1   = .15
                                           // P = .7375 / 1.00 = .7375
        ("remigration_intention", "choice")); // recorded, not scored

    [Fact]
    public void Full_survey_has_the_hand_computed_dimension_and_composite_scores()
    {
        var answers = FullSurvey();
        Assert.Empty(SurveyScorer.Validate(Default, answers));

        var scores = SurveyScorer.Score(Default, answers);

        Assert.Equal(0.475, scores.Economic!.Value, Precision);
        Assert.Equal(0.625, scores.Social!.Value, Precision);
        Assert.Equal(0.7375, scores.Psychosocial!.Value, Precision);
        // C = (.475 + .625 + .7375) / 3 = 1.8375 / 3 = .6125
        Assert.Equal(0.6125, scores.Composite!.Value, Precision);
        Assert.True(scores.Sustainable);
    }

    [Fact]
    public void Get_returns_each_dimension_and_the_composite_by_name()
    {
        var scores = SurveyScorer.Score(Default, FullSurvey());
        Assert.Equal(scores.Economic, scores.Get(Dimension.Economic));
        Assert.Equal(scores.Social, scores.Get(Dimension.Social));
        Assert.Equal(scores.Psychosocial, scores.Get(Dimension.Psychosocial));
        Assert.Equal(scores.Composite, scores.Get(Dimension.Composite));
        Assert.Throws<ArgumentOutOfRangeException>(() => scores.Get("financial"));
    }

    [Fact]
    public void All_best_answers_score_one_and_all_worst_answers_score_zero()
    {
        var best = new Dictionary<string, string>();
        var worst = new Dictionary<string, string>();
        foreach (var item in Default.Items)
        {
            (best[item.Id], worst[item.Id]) = item.Scale switch
            {
                AnswerScale.Likert5 => ("5", "1"),
                AnswerScale.Likert5Reversed => ("1", "5"),
                AnswerScale.YesNo => ("yes", "no"),
                AnswerScale.YesNoReversed => ("no", "yes"),
                AnswerScale.Debt => ("no_debt", "debt_larger"),
                _ => throw new InvalidOperationException(),
            };
        }

        var top = SurveyScorer.Score(Default, best);
        var bottom = SurveyScorer.Score(Default, worst);

        Assert.Equal(new SurveyScores(1, 1, 1, 1, true), top);
        Assert.Equal(new SurveyScores(0, 0, 0, 0, false), bottom);
    }

    // ---------------------------------------------------------------- missing answers

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Na_and_omitted_items_are_excluded_from_the_weighted_mean_not_counted_as_zero(bool sayNa)
    {
        // economic answered: employed yes (.20 × 1), econ_satisfaction 5 (.15 × 1),
        // food_reduction 1 (.15 × 1), can_borrow no (.10 × 0)
        // → Σw·v = .50, Σw = .60  →  E = .50 / .60 = 5/6  (if na counted as 0 over weight 1.00: .50)
        var answers = Answers(("employed", "yes"), ("econ_satisfaction", "5"), ("food_reduction", "1"), ("can_borrow", "no"));
        if (sayNa)
            foreach (var item in new[] { "borrowing_frequency", "debt_vs_spending", "productive_assets", "job_search_access" })
                answers[item] = "na";

        Assert.Empty(SurveyScorer.Validate(Default, answers));
        var scores = SurveyScorer.Score(Default, answers);

        Assert.Equal(5.0 / 6.0, scores.Economic!.Value, Precision);
        Assert.Null(scores.Social);       // nothing answered
        Assert.Null(scores.Psychosocial); // nothing answered
        Assert.Null(scores.Composite);
        Assert.Null(scores.Sustainable);
    }

    [Fact]
    public void A_dimension_with_answered_weight_below_minAnsweredWeight_is_null()
    {
        // psychosocial answered: physical_safety .15, support_network .15, able_to_stay .15,
        // social_participation .10  → Σw = .55 < .60
        var answers = Answers(("physical_safety", "5"), ("support_network", "5"), ("able_to_stay", "yes"), ("social_participation", "5"));
        var scores = SurveyScorer.Score(Default, answers);
        Assert.Null(scores.Psychosocial);
    }

    [Fact]
    public void A_dimension_with_answered_weight_exactly_minAnsweredWeight_is_scored()
    {
        // same as above plus wants_psych_support (.05): Σw = .15 + .15 + .15 + .10 + .05 = .60 (= minAnsweredWeight)
        // values: 1, 1, 1, 1, and wants_psych_support "yes" on yesnor → 0
        // P = (.15 + .15 + .15 + .10 + 0) / .60 = .55 / .60 = 11/12
        var answers = Answers(("physical_safety", "5"), ("support_network", "5"), ("able_to_stay", "yes"),
            ("social_participation", "5"), ("wants_psych_support", "yes"));
        var scores = SurveyScorer.Score(Default, answers);
        Assert.NotNull(scores.Psychosocial);
        Assert.Equal(11.0 / 12.0, scores.Psychosocial!.Value, Precision);
    }

    [Fact]
    public void Answered_weight_exactly_minAnsweredWeight_in_every_dimension_gives_a_composite()
    {
        // economic:     employed .20, econ_satisfaction .15, food_reduction .15, can_borrow .10 = .60
        // social:       housing_access .15, water_access .15, documentation .15, health_access .15 = .60
        // psychosocial: physical_safety .15, support_network .15, able_to_stay .15, belonging .10, wants_psych_support .05 = .60
        var answers = Answers(
            ("employed", "yes"), ("econ_satisfaction", "3"), ("food_reduction", "3"), ("can_borrow", "no"),
            // E = (.20×1 + .15×.5 + .15×.5 + .10×0) / .60 = .35 / .60 = 7/12
            ("housing_access", "5"), ("water_access", "1"), ("documentation", "yes"), ("health_access", "3"),
            // S = (.15×1 + .15×0 + .15×1 + .15×.5) / .60 = .375 / .60 = .625
            ("physical_safety", "4"), ("support_network", "4"), ("able_to_stay", "no"), ("belonging", "5"), ("wants_psych_support", "no"));
            // P = (.15×.75 + .15×.75 + .15×0 + .10×1 + .05×1) / .60 = .375 / .60 = .625
        var scores = SurveyScorer.Score(Default, answers);

        Assert.Equal(7.0 / 12.0, scores.Economic!.Value, Precision);
        Assert.Equal(0.625, scores.Social!.Value, Precision);
        Assert.Equal(0.625, scores.Psychosocial!.Value, Precision);
        // C = (7/12 + 5/8 + 5/8) / 3 = (14/24 + 15/24 + 15/24) / 3 = (44/24) / 3 = 11/18
        Assert.Equal(11.0 / 18.0, scores.Composite!.Value, Precision);
        Assert.True(scores.Sustainable);
    }

    [Theory]
    [InlineData(Dimension.Economic)]
    [InlineData(Dimension.Social)]
    [InlineData(Dimension.Psychosocial)]
    public void Composite_and_sustainable_are_null_when_any_dimension_is_null(string missingDimension)
    {
        var answers = FullSurvey();
        foreach (var item in Default.Items.Where(i => i.Dimension == missingDimension))
            answers.Remove(item.Id);

        var scores = SurveyScorer.Score(Default, answers);

        Assert.Null(scores.Get(missingDimension));
        foreach (var other in Dimension.Scored.Where(d => d != missingDimension))
            Assert.NotNull(scores.Get(other));
        Assert.Null(scores.Composite);
        Assert.Null(scores.Sustainable);
    }

    [Fact]
    public void An_empty_survey_has_no_scores()
    {
        Assert.Equal(new SurveyScores(null, null, null, null, null), SurveyScorer.Score(Default, Answers()));
    }

    [Fact]
    public void All_na_survey_has_no_scores()
    {
        var answers = Default.Items.ToDictionary(i => i.Id, _ => "na");
        Assert.Empty(SurveyScorer.Validate(Default, answers));
        Assert.Equal(new SurveyScores(null, null, null, null, null), SurveyScorer.Score(Default, answers));
    }

    // ---------------------------------------------------------------- sustainability threshold

    public static Dictionary<string, string> AllHalf() => Answers(
        // economic: Σw = .15+.15+.10+.10+.10+.10 = .70
        ("econ_satisfaction", "3"), ("food_reduction", "3"), ("borrowing_frequency", "3"), // .5 each
        ("debt_vs_spending", "about_equal"),                                                // .5
        ("can_borrow", "yes"), ("productive_assets", "no"),                                 // .10×1 + .10×0
        // E = (.40 × .5 + .10) / .70 = .35 / .70 = .5
        // social: every likert item 3 (.5); documentation omitted; Σw = .85 → S = .5
        ("housing_access", "3"), ("housing_standard", "3"), ("education_access", "3"), ("justice_access", "3"),
        ("water_access", "3"), ("health_access", "3"), ("health_quality", "3"),
        // psychosocial: the seven likert items 3 (.5); Σw = .80 → P = .5
        ("social_participation", "3"), ("support_network", "3"), ("belonging", "3"), ("physical_safety", "3"),
        ("family_tensions", "3"), ("discrimination", "3"), ("distress", "3"));

    [Fact]
    public void Composite_exactly_at_the_threshold_is_sustainable()
    {
        var scores = SurveyScorer.Score(Default, AllHalf());
        Assert.Equal(0.5, scores.Economic!.Value, Precision);
        Assert.Equal(0.5, scores.Social!.Value, Precision);
        Assert.Equal(0.5, scores.Psychosocial!.Value, Precision);
        // C = (.5 + .5 + .5) / 3 = .5 ≥ .50
        Assert.Equal(0.5, scores.Composite!.Value, Precision);
        Assert.True(scores.Sustainable);
    }

    [Fact]
    public void Composite_exactly_at_the_threshold_via_repeating_decimals_is_sustainable()
    {
        var answers = Answers(
            // E = (.20×1 + .15×0 + .15×0 + .10×0) / .60 = .20 / .60 = 1/3
            ("employed", "yes"), ("econ_satisfaction", "1"), ("food_reduction", "5"), ("can_borrow", "no"),
            // S = (.15×1 + .15×1 + .10×1 + .10×0 + .10×0) / .60 = .40 / .60 = 2/3
            ("housing_access", "5"), ("water_access", "5"), ("housing_standard", "5"), ("health_quality", "1"), ("education_access", "1"),
            // P = seven likert items at 3 → .5 (Σw = .80)
            ("social_participation", "3"), ("support_network", "3"), ("belonging", "3"), ("physical_safety", "3"),
            ("family_tensions", "3"), ("discrimination", "3"), ("distress", "3"));

        var scores = SurveyScorer.Score(Default, answers);

        Assert.Equal(1.0 / 3.0, scores.Economic!.Value, Precision);
        Assert.Equal(2.0 / 3.0, scores.Social!.Value, Precision);
        Assert.Equal(0.5, scores.Psychosocial!.Value, Precision);
        // C = (1/3 + 2/3 + 1/2) / 3 = (3/2) / 3 = 1/2 exactly, mathematically
        Assert.Equal(0.5, scores.Composite!.Value, Precision);
        Assert.True(scores.Sustainable);
    }

    [Fact]
    public void Composite_exactly_at_the_threshold_from_thirds_and_sixths_is_sustainable()
    {
        // Each dimension answered weight .60; rounding of 1/3 and 5/6 in decimal arithmetic must not
        // push a mathematically exact .50 below the threshold.
        var answers = Answers(
            // E = (.20×1 + .15×0 + .15×0 + .10×0) / .60 = .20 / .60 = 1/3
            ("employed", "yes"), ("econ_satisfaction", "1"), ("food_reduction", "5"), ("can_borrow", "no"),
            // S = (.10×1 + .10×1 + .15×0 + .15×0 + .10×0) / .60 = .20 / .60 = 1/3
            ("housing_standard", "5"), ("justice_access", "5"), ("housing_access", "1"), ("water_access", "1"), ("health_quality", "1"),
            // P = (.15×1 + .15×1 + .15×1 + .05×1 + .10×0) / .60 = .50 / .60 = 5/6
            ("physical_safety", "5"), ("support_network", "5"), ("able_to_stay", "yes"), ("wants_psych_support", "no"),
            ("social_participation", "1"));

        var scores = SurveyScorer.Score(Default, answers);

        Assert.Equal(1.0 / 3.0, scores.Economic!.Value, Precision);
        Assert.Equal(1.0 / 3.0, scores.Social!.Value, Precision);
        Assert.Equal(5.0 / 6.0, scores.Psychosocial!.Value, Precision);
        // C = (1/3 + 1/3 + 5/6) / 3 = (9/6) / 3 = 1/2
        Assert.Equal(0.5, scores.Composite!.Value, Precision);
        Assert.True(scores.Sustainable);
    }

    [Fact]
    public void Composite_just_below_the_threshold_is_not_sustainable()
    {
        // AllHalf plus one more psychosocial item: wants_psych_support "yes" (yesnor → 0, weight .05)
        // P = (.80 × .5 + .05 × 0) / .85 = .40 / .85 = 8/17 ≈ .4706
        // C = (.5 + .5 + 8/17) / 3 = (25/17) / 3 = 25/51 ≈ .4902 < .50
        var answers = AllHalf();
        answers["wants_psych_support"] = "yes";

        var scores = SurveyScorer.Score(Default, answers);

        Assert.Equal(8.0 / 17.0, scores.Psychosocial!.Value, Precision);
        Assert.Equal(25.0 / 51.0, scores.Composite!.Value, Precision);
        Assert.False(scores.Sustainable);
    }

    [Fact]
    public void Composite_one_smallest_step_below_the_threshold_is_not_sustainable()
    {
        // Economic fully answered (Σw = 1.00); the finest step of its weighted sum is .05 × .25 = .0125.
        var answers = AllHalf();
        answers["econ_satisfaction"] = "4";  // .15 × .75 = .1125
        answers["food_reduction"] = "3";     // .15 × .5  = .075
        answers["borrowing_frequency"] = "3"; // .10 × .5  = .05
        answers["debt_vs_spending"] = "about_equal"; // .10 × .5 = .05
        answers["can_borrow"] = "yes";       // .10 × 1   = .10
        answers["productive_assets"] = "no"; // .10 × 0   = 0
        answers["employed"] = "no";          // .20 × 0   = 0
        answers["job_search_access"] = "yes"; // .10 × 1  = .10
        // E = .4875 / 1.00 = .4875 ; S = P = .5 (AllHalf)
        // C = (.4875 + .5 + .5) / 3 = 1.4875 / 3 = .4958333… < .50

        var scores = SurveyScorer.Score(Default, answers);

        Assert.Equal(0.4875, scores.Economic!.Value, Precision);
        Assert.Equal(1.4875 / 3.0, scores.Composite!.Value, Precision);
        Assert.False(scores.Sustainable);

        // food_reduction 3 → 2 (.15 × .75 = .1125 instead of .075) gives E = .525 and C = 1.525 / 3 ≈ .5083 ≥ .50
        answers["food_reduction"] = "2";
        scores = SurveyScorer.Score(Default, answers);
        Assert.Equal(0.525, scores.Economic!.Value, Precision);
        Assert.True(scores.Sustainable);
    }

    [Fact]
    public void Custom_dimension_weights_and_threshold_are_used()
    {
        var node = OneItemPerDimension();
        node["dimensionWeights"] = new System.Text.Json.Nodes.JsonObject { ["economic"] = 2, ["social"] = 1, ["psychosocial"] = 1 };
        node["sustainableThreshold"] = 0.7;
        var instrument = Load(node);

        // E = 1 (likert 5), S = 0.5 (3), P = 0 (1): C = (2×1 + .5 + 0) / 4 = .625 < .70
        var scores = SurveyScorer.Score(instrument, Answers(("e", "5"), ("s", "3"), ("p", "1")));
        Assert.Equal(0.625, scores.Composite!.Value, Precision);
        Assert.False(scores.Sustainable);

        // E = 1, S = 1, P = 0: C = (2 + 1 + 0) / 4 = .75 ≥ .70
        scores = SurveyScorer.Score(instrument, Answers(("e", "5"), ("s", "5"), ("p", "1")));
        Assert.Equal(0.75, scores.Composite!.Value, Precision);
        Assert.True(scores.Sustainable);
    }

    // ---------------------------------------------------------------- validation

    [Theory]
    [InlineData("econ_satisfaction", "0")]
    [InlineData("econ_satisfaction", "6")]
    [InlineData("econ_satisfaction", "3.5")]
    [InlineData("econ_satisfaction", "")]
    [InlineData("econ_satisfaction", "yes")]
    [InlineData("econ_satisfaction", "NA")]
    [InlineData("food_reduction", "0")]
    [InlineData("food_reduction", "6")]
    [InlineData("distress", "three")]
    [InlineData("employed", "maybe")]
    [InlineData("employed", "1")]
    [InlineData("employed", "Yes")]
    [InlineData("wants_psych_support", "maybe")]
    [InlineData("debt_vs_spending", "debt_smaller")]
    [InlineData("debt_vs_spending", "3")]
    [InlineData("remigration_intention", "maybe")]
    [InlineData("remigration_intention", "Necessity")]
    [InlineData("remigration_intention", "yes")]
    public void Invalid_answers_are_rejected_naming_the_item(string item, string answer)
    {
        var answers = FullSurvey();
        answers[item] = answer;

        var errors = SurveyScorer.Validate(Default, answers);

        var error = Assert.Single(errors);
        Assert.Equal($"answers.{item}", error.Field);
        Assert.Contains($"'{answer}'", error.Message);
    }

    [Theory]
    [InlineData("employment")]
    [InlineData("Employed")]
    [InlineData("econ satisfaction")]
    public void Unknown_items_are_rejected_naming_the_item(string item)
    {
        var answers = FullSurvey();
        answers[item] = "3";

        var error = Assert.Single(SurveyScorer.Validate(Default, answers));

        Assert.Equal($"answers.{item}", error.Field);
        Assert.Contains(item, error.Message);
        Assert.Contains("rss-default-v1", error.Message);
    }

    [Fact]
    public void Unknown_item_answered_na_is_rejected_too()
    {
        // "na" is allowed for any item of the instrument, but a name that is no item of the instrument
        // (e.g. a typo) must still be rejected: otherwise a misspelt item is silently dropped.
        var answers = FullSurvey();
        answers["employd"] = "na";

        var error = Assert.Single(SurveyScorer.Validate(Default, answers));
        Assert.Equal("answers.employd", error.Field);
    }

    [Fact]
    public void Every_bad_item_gets_its_own_error()
    {
        var answers = FullSurvey();
        answers["econ_satisfaction"] = "0";
        answers["employed"] = "maybe";
        answers["unknown_item"] = "3";

        var errors = SurveyScorer.Validate(Default, answers);

        Assert.Equal(
            new[] { "answers.econ_satisfaction", "answers.employed", "answers.unknown_item" },
            errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("choice")]
    [InlineData("necessity")]
    [InlineData("na")]
    public void Valid_remigration_intention_is_accepted_and_does_not_affect_scores(string intention)
    {
        var without = FullSurvey();
        without.Remove("remigration_intention");
        var with = FullSurvey();
        with["remigration_intention"] = intention;

        Assert.Empty(SurveyScorer.Validate(Default, with));
        Assert.Equal(SurveyScorer.Score(Default, without), SurveyScorer.Score(Default, with));
    }

    [Fact]
    public void Every_item_accepts_na()
    {
        var answers = Default.Items.Select(i => i.Id).Append(RemigrationIntention.ItemId).ToDictionary(i => i, _ => "na");
        Assert.Empty(SurveyScorer.Validate(Default, answers));
    }

    // ---------------------------------------------------------------- properties

    // Each item: one of its scale's answers, "na", or omitted (null).
    private static readonly string?[][] Choices =
        Default.Items.Select(item => AnswersOf(item.Scale).Append("na").Append(null).ToArray()).ToArray();

    private static readonly Gen<Dictionary<string, string>> AnyValidSurvey =
        Gen.Int[0, 1_000_000].Array[Choices.Length].Select(picks =>
        {
            var answers = new Dictionary<string, string>();
            for (var i = 0; i < picks.Length; i++)
                if (Choices[i][picks[i] % Choices[i].Length] is { } a) answers[Default.Items[i].Id] = a;
            return answers;
        });

    private static IEnumerable<string?> AnswersOf(AnswerScale scale) => scale switch
    {
        AnswerScale.Likert5 or AnswerScale.Likert5Reversed => ["1", "2", "3", "4", "5"],
        AnswerScale.YesNo or AnswerScale.YesNoReversed => ["yes", "no"],
        _ => ["debt_larger", "about_equal", "spending_larger", "no_debt"],
    };

    [Fact]
    public void Any_valid_survey_validates_and_scores_within_0_and_1_consistently()
    {
        AnyValidSurvey.Sample(answers =>
        {
            Assert.Empty(SurveyScorer.Validate(Default, answers));
            var s = SurveyScorer.Score(Default, answers);
            foreach (var d in Dimension.WithComposite)
                if (s.Get(d) is { } v) Assert.InRange(v, 0.0, 1.0);
            Assert.Equal(s.Economic is not null && s.Social is not null && s.Psychosocial is not null, s.Composite is not null);
            Assert.Equal(s.Composite is not null, s.Sustainable is not null);
            if (s.Composite is { } c)
            {
                Assert.Equal((s.Economic!.Value + s.Social!.Value + s.Psychosocial!.Value) / 3.0, c, 9);
                Assert.Equal(c >= 0.5 - 1e-9, s.Sustainable);
            }
        }, iter: 2000);
    }

    [Fact]
    public void Na_is_the_same_as_omitting_the_item()
    {
        AnyValidSurvey.Sample(answers =>
        {
            var omitted = answers.Where(a => a.Value != "na").ToDictionary(a => a.Key, a => a.Value);
            Assert.Equal(SurveyScorer.Score(Default, omitted), SurveyScorer.Score(Default, answers));
        }, iter: 500);
    }
}
