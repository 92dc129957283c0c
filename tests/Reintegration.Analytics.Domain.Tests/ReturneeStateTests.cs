using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Returnees;
using Reintegration.Analytics.Domain.Scoring;
using Reintegration.Analytics.Domain.Validation;
using Reintegration.Analytics.Domain.Vocabulary;
using static Reintegration.Analytics.Domain.Tests.DomainTestData;

namespace Reintegration.Analytics.Domain.Tests;

/// <summary>SPEC §2.3: idempotent writes, corrections, current survey, baseline, improvement; and the contribution.</summary>
public class ReturneeStateTests
{
    private static readonly DateOnly ReturnDate = new(2024, 1, 1);

    private static ReturneeProfile Profile(string community = "dakar.1", int? age = 30, params string[] vulnerabilities) =>
        new("SEN", community, "female", age, ReturnDate, "avrr", "LBY", 18, vulnerabilities);

    private static StoredSurvey Survey(DateOnly date, string round, Dictionary<string, string> answers) =>
        new(new SurveySubmission(date, round, "rss-default-v1", answers), SurveyScorer.Score(Default, answers));

    // composite .6125 (see SurveyScorerTests.FullSurvey: E .475, S .625, P .7375)
    private static Dictionary<string, string> Good() => SurveyScorerTests.FullSurvey();

    // composite .5 (see SurveyScorerTests.AllHalf: E = S = P = .5)
    private static Dictionary<string, string> Middle() => SurveyScorerTests.AllHalf();

    // economic only: composite null
    private static Dictionary<string, string> EconomicOnly() => Answers(
        ("econ_satisfaction", "5"), ("food_reduction", "1"), ("employed", "yes"), ("can_borrow", "yes"));

    private static ReturneeState Registered()
    {
        var state = new ReturneeState();
        state.PutProfile(Profile());
        return state;
    }

    // ---------------------------------------------------------------- idempotency and corrections

    [Fact]
    public void Replaying_a_survey_with_the_same_content_changes_nothing()
    {
        var state = Registered();
        Assert.Equal(1, state.Version);
        Assert.True(state.PutSurvey("s1", Survey(new DateOnly(2024, 2, 1), "baseline", Middle())));
        Assert.Equal(2, state.Version);

        // same content, fresh objects, answers inserted in another order
        var reordered = Middle().Reverse().ToDictionary(a => a.Key, a => a.Value);
        Assert.False(state.PutSurvey("s1", Survey(new DateOnly(2024, 2, 1), "baseline", reordered)));
        Assert.False(state.PutSurvey("s1", Survey(new DateOnly(2024, 2, 1), "baseline", Middle())));

        Assert.Equal(2, state.Version);
        Assert.Single(state.Surveys);
    }

    [Fact]
    public void A_survey_with_the_same_id_and_different_content_replaces_the_earlier_one()
    {
        var state = Registered();
        state.PutSurvey("s1", Survey(new DateOnly(2024, 2, 1), "baseline", Middle()));
        var version = state.Version;

        Assert.True(state.PutSurvey("s1", Survey(new DateOnly(2024, 2, 1), "baseline", Good())));

        Assert.Equal(version + 1, state.Version);
        var stored = Assert.Single(state.Surveys);
        Assert.Equal(0.6125, stored.Value.Scores.Composite!.Value, Precision);
        Assert.Equal(Good().Count, stored.Value.Submission.Answers.Count);
    }

    [Theory]
    [InlineData("date")]
    [InlineData("round")]
    [InlineData("instrument")]
    [InlineData("answer")]
    [InlineData("extra answer")]
    public void Any_change_of_content_is_a_correction(string what)
    {
        var state = Registered();
        var original = Survey(new DateOnly(2024, 2, 1), "baseline", Middle());
        state.PutSurvey("s1", original);
        var version = state.Version;

        var answers = Middle();
        var submission = original.Submission;
        switch (what)
        {
            case "date": submission = submission with { Date = new DateOnly(2024, 2, 2) }; break;
            case "round": submission = submission with { Round = "m3" }; break;
            case "instrument": submission = submission with { Instrument = "rss-other-v1" }; break;
            case "answer": answers["distress"] = "4"; submission = submission with { Answers = answers }; break;
            case "extra answer": answers["remigration_intention"] = "none"; submission = submission with { Answers = answers }; break;
        }

        Assert.True(state.PutSurvey("s1", new StoredSurvey(submission, original.Scores)));
        Assert.Equal(version + 1, state.Version);
        Assert.Same(submission, state.Surveys["s1"].Submission);
    }

    [Fact]
    public void Replaying_a_profile_changes_nothing_and_an_update_replaces_it()
    {
        var state = new ReturneeState();
        Assert.False(state.IsRegistered);
        Assert.True(state.PutProfile(Profile(vulnerabilities: ["disability", "single_parent"])));
        Assert.True(state.IsRegistered);
        Assert.Equal(1, state.Version);

        Assert.False(state.PutProfile(Profile(vulnerabilities: ["disability", "single_parent"]))); // new list instance, same values
        Assert.Equal(1, state.Version);

        Assert.True(state.PutProfile(Profile(community: "kolda.2", vulnerabilities: ["disability", "single_parent"])));
        Assert.Equal(2, state.Version);
        Assert.Equal("kolda.2", state.Profile!.CommunityId);

        Assert.True(state.PutProfile(Profile(community: "kolda.2", vulnerabilities: ["disability"])));
        Assert.Equal(3, state.Version);
    }

    [Fact]
    public void Replaying_assistance_changes_nothing_and_a_correction_replaces_it()
    {
        var state = Registered();
        var record = new AssistanceRecord(new DateOnly(2024, 3, 1), "economic", "cash", 250m, 4);

        Assert.True(state.PutAssistance("a1", record));
        var version = state.Version;
        Assert.False(state.PutAssistance("a1", record with { }));
        Assert.Equal(version, state.Version);

        Assert.True(state.PutAssistance("a1", record with { AmountUsd = 300m }));
        Assert.Equal(version + 1, state.Version);
        Assert.Equal(300m, Assert.Single(state.Assistance).Value.AmountUsd);
    }

    [Fact]
    public void Plan_updates_merge_and_a_no_op_update_does_not_bump_the_version()
    {
        var state = Registered();
        var d1 = new DateOnly(2024, 1, 15);
        var d2 = new DateOnly(2024, 2, 15);

        Assert.True(state.PutPlan(new PlanDates(d1, null, null, null, null)));
        var version = state.Version;
        Assert.False(state.PutPlan(new PlanDates(d1, null, null, null, null)));
        Assert.False(state.PutPlan(PlanDates.Empty)); // omitted keeps the earlier dates
        Assert.Equal(version, state.Version);

        Assert.True(state.PutPlan(new PlanDates(null, d2, null, null, null)));
        Assert.Equal(version + 1, state.Version);
        Assert.Equal(new PlanDates(d1, d2, null, null, null), state.Plan);
    }

    // ---------------------------------------------------------------- current survey and baseline

    [Fact]
    public void Current_survey_is_the_latest_by_date()
    {
        var state = Registered();
        state.PutSurvey("z-first", Survey(new DateOnly(2024, 2, 1), "baseline", Middle()));
        state.PutSurvey("a-last", Survey(new DateOnly(2024, 12, 1), "m12", Good()));
        state.PutSurvey("m-middle", Survey(new DateOnly(2024, 6, 1), "m6", Middle()));

        Assert.Equal("a-last", state.CurrentSurvey!.Value.Key);
    }

    [Fact]
    public void Current_survey_ties_go_to_the_greatest_survey_id_ordinal()
    {
        var state = Registered();
        var date = new DateOnly(2024, 6, 1);
        state.PutSurvey("s9", Survey(date, "m6", Middle()));
        state.PutSurvey("s10", Survey(date, "m6", Good()));

        Assert.Equal("s9", state.CurrentSurvey!.Value.Key); // ordinal: "s9" > "s10"
    }

    [Fact]
    public void Correcting_a_date_can_change_the_current_survey()
    {
        var state = Registered();
        state.PutSurvey("s1", Survey(new DateOnly(2024, 2, 1), "baseline", Middle()));
        state.PutSurvey("s2", Survey(new DateOnly(2024, 6, 1), "m6", Good()));
        Assert.Equal("s2", state.CurrentSurvey!.Value.Key);

        state.PutSurvey("s2", Survey(new DateOnly(2024, 1, 20), "m6", Good()));
        Assert.Equal("s1", state.CurrentSurvey!.Value.Key);
    }

    [Fact]
    public void No_surveys_means_no_current_no_baseline_no_improvement()
    {
        var state = Registered();
        Assert.Null(state.CurrentSurvey);
        Assert.Null(state.BaselineSurvey);
        Assert.Null(state.Improvement);
    }

    [Fact]
    public void Baseline_is_the_earliest_survey_with_round_baseline()
    {
        var state = Registered();
        state.PutSurvey("s0", Survey(new DateOnly(2024, 1, 5), "adhoc", Good()));     // earlier, but not a baseline round
        state.PutSurvey("s2", Survey(new DateOnly(2024, 3, 1), "baseline", Good()));
        state.PutSurvey("s1", Survey(new DateOnly(2024, 2, 1), "baseline", Middle()));
        state.PutSurvey("s3", Survey(new DateOnly(2024, 9, 1), "m9", Good()));

        Assert.Equal("s1", state.BaselineSurvey!.Value.Key);
    }

    [Fact]
    public void Without_a_baseline_round_there_is_no_baseline()
    {
        var state = Registered();
        state.PutSurvey("s1", Survey(new DateOnly(2024, 2, 1), "m3", Middle()));
        state.PutSurvey("s2", Survey(new DateOnly(2024, 9, 1), "m9", Good()));
        Assert.Null(state.BaselineSurvey);
        Assert.Null(state.Improvement);
    }

    // ---------------------------------------------------------------- improvement

    [Fact]
    public void Improvement_is_current_minus_baseline_composite()
    {
        var state = Registered();
        state.PutSurvey("s1", Survey(new DateOnly(2024, 2, 1), "baseline", Middle())); // C = .5
        state.PutSurvey("s2", Survey(new DateOnly(2024, 12, 1), "m12", Good()));      // C = .6125

        // .6125 − .5 = .1125
        Assert.Equal(0.1125, state.Improvement!.Value, Precision);
        Assert.Equal(0.1125, state.ToContribution("case-1").Improvement!.Value, Precision);
    }

    [Fact]
    public void Improvement_can_be_negative()
    {
        var state = Registered();
        state.PutSurvey("s1", Survey(new DateOnly(2024, 2, 1), "baseline", Good()));  // C = .6125
        state.PutSurvey("s2", Survey(new DateOnly(2024, 12, 1), "m12", Middle()));   // C = .5
        Assert.Equal(-0.1125, state.Improvement!.Value, Precision);
    }

    [Fact]
    public void No_improvement_when_the_only_survey_is_the_baseline()
    {
        var state = Registered();
        state.PutSurvey("s1", Survey(new DateOnly(2024, 2, 1), "baseline", Good()));
        Assert.Equal("s1", state.CurrentSurvey!.Value.Key);
        Assert.Null(state.Improvement);
    }

    [Fact]
    public void No_improvement_when_the_current_survey_is_the_baseline()
    {
        // the m3 survey is dated before the baseline, so the baseline is also the current survey
        var state = Registered();
        state.PutSurvey("s1", Survey(new DateOnly(2024, 1, 15), "m3", Middle()));
        state.PutSurvey("s2", Survey(new DateOnly(2024, 2, 1), "baseline", Good()));
        Assert.Equal("s2", state.CurrentSurvey!.Value.Key);
        Assert.Null(state.Improvement);
    }

    [Fact]
    public void No_improvement_when_the_current_survey_is_dated_on_the_baselines_day()
    {
        // s2 is current (same date, greater id) but not "later": SPEC §2.4 wants a current survey dated after the baseline.
        var state = Registered();
        state.PutSurvey("s1", Survey(new DateOnly(2024, 2, 1), "baseline", Middle()));
        state.PutSurvey("s2", Survey(new DateOnly(2024, 2, 1), "m3", Good()));
        Assert.Equal("s2", state.CurrentSurvey!.Value.Key);
        Assert.Null(state.Improvement);

        state.PutSurvey("s2", Survey(new DateOnly(2024, 2, 2), "m3", Good())); // a day later it counts
        Assert.Equal(0.1125, state.Improvement!.Value, Precision);
    }

    [Fact]
    public void Improvement_against_the_earliest_baseline_when_a_later_baseline_is_current()
    {
        var state = Registered();
        state.PutSurvey("s1", Survey(new DateOnly(2024, 2, 1), "baseline", Middle())); // C = .5
        state.PutSurvey("s2", Survey(new DateOnly(2024, 3, 1), "baseline", Good()));   // C = .6125, current
        Assert.Equal(0.1125, state.Improvement!.Value, Precision);
    }

    [Fact]
    public void No_improvement_when_the_current_composite_is_null()
    {
        var state = Registered();
        state.PutSurvey("s1", Survey(new DateOnly(2024, 2, 1), "baseline", Good()));
        state.PutSurvey("s2", Survey(new DateOnly(2024, 12, 1), "m12", EconomicOnly()));
        Assert.Null(state.CurrentSurvey!.Value.Value.Scores.Composite);
        Assert.Null(state.Improvement);
    }

    [Fact]
    public void No_improvement_when_the_baseline_composite_is_null()
    {
        var state = Registered();
        state.PutSurvey("s1", Survey(new DateOnly(2024, 2, 1), "baseline", EconomicOnly()));
        state.PutSurvey("s2", Survey(new DateOnly(2024, 12, 1), "m12", Good()));
        Assert.Null(state.Improvement);
    }

    // ---------------------------------------------------------------- contribution

    [Theory]
    [InlineData(269, false)]
    [InlineData(270, true)]
    [InlineData(400, true)]
    [InlineData(545, true)]
    [InlineData(546, false)]
    public void Twelve_month_follow_up_window_is_inclusive(int daysAfterReturn, bool covered)
    {
        var state = Registered();
        state.PutSurvey("s1", Survey(ReturnDate.AddDays(daysAfterReturn), "m12", Good()));
        Assert.Equal(covered, state.ToContribution("case-1").HasTwelveMonthFollowUp);
    }

    [Fact]
    public void Twelve_month_follow_up_window_on_hand_computed_calendar_dates()
    {
        // return 2024-01-01 (leap year): +269 = 2024-09-26, +270 = 2024-09-27, +545 = 2025-06-29, +546 = 2025-06-30
        Assert.False(FollowUpOf(new DateOnly(2024, 9, 26)));
        Assert.True(FollowUpOf(new DateOnly(2024, 9, 27)));
        Assert.True(FollowUpOf(new DateOnly(2025, 6, 29)));
        Assert.False(FollowUpOf(new DateOnly(2025, 6, 30)));

        static bool FollowUpOf(DateOnly surveyDate)
        {
            var state = Registered();
            state.PutSurvey("s1", Survey(surveyDate, "m12", Good()));
            return state.ToContribution("case-1").HasTwelveMonthFollowUp;
        }
    }

    [Fact]
    public void Any_survey_in_the_window_counts_not_only_the_current_one()
    {
        var state = Registered();
        state.PutSurvey("s1", Survey(ReturnDate.AddDays(300), "m9", Good()));
        state.PutSurvey("s2", Survey(ReturnDate.AddDays(700), "m18", Good()));
        Assert.Equal("s2", state.CurrentSurvey!.Value.Key);
        Assert.True(state.ToContribution("case-1").HasTwelveMonthFollowUp);
    }

    [Fact]
    public void Follow_up_follows_the_return_date_of_the_profile()
    {
        var state = Registered();
        state.PutSurvey("s1", Survey(ReturnDate.AddDays(270), "m9", Good()));
        Assert.True(state.ToContribution("case-1").HasTwelveMonthFollowUp);

        state.PutProfile(Profile() with { ReturnDate = ReturnDate.AddDays(1) }); // the survey is now only 269 days after return
        Assert.False(state.ToContribution("case-1").HasTwelveMonthFollowUp);
    }

    [Fact]
    public void Contribution_carries_profile_breakdowns_current_scores_and_version()
    {
        var state = new ReturneeState();
        state.PutProfile(Profile(age: 24, vulnerabilities: ["trafficking_victim"]));
        state.PutSurvey("s1", Survey(new DateOnly(2024, 2, 1), "baseline", Middle()));
        var good = Good(); // remigration_intention "choice"
        state.PutSurvey("s2", Survey(new DateOnly(2024, 12, 1), "m12", good));

        var c = state.ToContribution("case-1");

        Assert.Equal("case-1", c.CaseId);
        Assert.Equal("dakar.1", c.CommunityId);
        Assert.Equal("SEN", c.Country);
        Assert.Equal("female", c.Sex);
        Assert.Equal("18-24", c.AgeBand);
        Assert.Equal("avrr", c.ReturnType);
        Assert.Equal(["trafficking_victim"], c.Vulnerabilities);
        Assert.Equal(ReturnDate, c.ReturnDate);
        Assert.Equal(state.Surveys["s2"].Scores, c.Current);
        Assert.Equal("choice", c.RemigrationIntention);
        Assert.Equal(state.Version, c.Version);
        Assert.Equal(3, c.Version);
    }

    [Fact]
    public void Contribution_without_age_is_unknown_band_and_without_surveys_has_no_scores()
    {
        var state = new ReturneeState();
        state.PutProfile(Profile(age: null));
        var c = state.ToContribution("case-1");
        Assert.Equal(AgeBand.Unknown, c.AgeBand);
        Assert.Null(c.Current);
        Assert.Null(c.Improvement);
        Assert.False(c.HasTwelveMonthFollowUp);
        Assert.Null(c.RemigrationIntention);
        Assert.Empty(c.PlanStatuses);
        Assert.Empty(c.Assistance);
    }

    [Theory]
    [InlineData("na", null)]
    [InlineData("necessity", "necessity")]
    [InlineData(null, null)]
    public void Remigration_intention_comes_from_the_current_survey_and_na_is_none(string? answer, string? expected)
    {
        var state = Registered();
        var earlier = Good();
        earlier["remigration_intention"] = "necessity";
        state.PutSurvey("s1", Survey(new DateOnly(2024, 2, 1), "baseline", earlier));
        var current = Good();
        current.Remove("remigration_intention");
        if (answer is not null) current["remigration_intention"] = answer;
        state.PutSurvey("s2", Survey(new DateOnly(2024, 12, 1), "m12", current));

        Assert.Equal(expected, state.ToContribution("case-1").RemigrationIntention);
    }

    [Fact]
    public void Contribution_sums_assistance_by_type_and_lists_plan_statuses()
    {
        var state = Registered();
        state.PutAssistance("a1", new AssistanceRecord(new DateOnly(2024, 3, 1), "social", "in_kind", 100m, null));
        state.PutAssistance("a2", new AssistanceRecord(new DateOnly(2024, 3, 2), "economic", "cash", 250.50m, 4));
        state.PutAssistance("a3", new AssistanceRecord(new DateOnly(2024, 3, 3), "economic", "cash", null, null));
        state.PutAssistance("a4", new AssistanceRecord(new DateOnly(2024, 3, 4), "economic", "voucher", 49.50m, 5));
        state.PutPlan(new PlanDates(new DateOnly(2024, 1, 2), null, new DateOnly(2024, 3, 1), null, null));

        var c = state.ToContribution("case-1");

        // economic: 3 records, 250.50 + 0 + 49.50 = 300 ; social: 1 record, 100 — ordered by type
        Assert.Equal(
            [new AssistanceTotal("economic", 3, 300m), new AssistanceTotal("social", 1, 100m)],
            c.Assistance);
        Assert.Equal([PlanStatus.Eligible, PlanStatus.AssistanceStarted], c.PlanStatuses);
    }

    [Fact]
    public void Contribution_requires_a_profile()
    {
        var state = new ReturneeState();
        state.PutSurvey("s1", Survey(new DateOnly(2024, 2, 1), "baseline", Good()));
        var e = Assert.Throws<InvalidOperationException>(() => state.ToContribution("case-7"));
        Assert.Contains("case-7", e.Message);
    }

    // ---------------------------------------------------------------- what works: assistance by the current survey

    [Fact]
    public void Assistance_counts_as_received_when_dated_on_or_before_the_current_survey()
    {
        var state = Registered();
        state.PutSurvey("s1", Survey(new DateOnly(2024, 2, 1), "baseline", Middle()));
        state.PutSurvey("s2", Survey(new DateOnly(2024, 6, 1), "m6", Good()));
        state.PutAssistance("before", new AssistanceRecord(new DateOnly(2024, 5, 31), "cash", "direct", 10m, null));
        state.PutAssistance("same-day", new AssistanceRecord(new DateOnly(2024, 6, 1), "housing", "direct", null, null));
        state.PutAssistance("after", new AssistanceRecord(new DateOnly(2024, 6, 2), "medical", "referral", null, null));

        var c = state.ToContribution("case-1");
        Assert.Equal(["cash", "housing"], c.AssistedByCurrentSurvey);
        Assert.Equal(3, c.Assistance.Count); // totals still count every record
        Assert.Equal(new DateOnly(2024, 6, 1), c.LastSurveyDate);

        // A later survey makes the medical referral count as received.
        state.PutSurvey("s3", Survey(new DateOnly(2024, 9, 1), "m9", Good()));
        Assert.Equal(["cash", "housing", "medical"], state.ToContribution("case-1").AssistedByCurrentSurvey);
    }

    [Fact]
    public void Without_a_survey_nothing_counts_as_received()
    {
        var state = Registered();
        state.PutAssistance("a1", new AssistanceRecord(new DateOnly(2024, 2, 1), "cash", "direct", 10m, null));
        Assert.Empty(state.ToContribution("case-1").AssistedByCurrentSurvey);
        Assert.Null(state.ToContribution("case-1").LastSurveyDate);
    }

    // ---------------------------------------------------------------- checks against what is stored

    [Fact]
    public void A_survey_or_assistance_dated_before_the_return_is_refused_naming_date()
    {
        var state = Registered();
        var early = ReturnDate.AddDays(-1);
        Assert.Equal("date", state.Check(new SurveyChange("s1", Survey(early, "baseline", Middle())))?.Field);
        Assert.Equal("date", state.Check(new AssistanceChange("a1", new AssistanceRecord(early, "cash", "direct", null, null)))?.Field);
        Assert.Null(state.Check(new SurveyChange("s1", Survey(ReturnDate, "baseline", Middle()))));
        Assert.Null(state.Check(new AssistanceChange("a1", new AssistanceRecord(ReturnDate, "cash", "direct", null, null))));
    }

    [Fact]
    public void A_return_date_moved_after_stored_records_is_refused_naming_returnDate()
    {
        var state = Registered();
        state.PutSurvey("s1", Survey(ReturnDate.AddDays(10), "baseline", Middle()));
        state.PutAssistance("a1", new AssistanceRecord(ReturnDate.AddDays(5), "cash", "direct", null, null));

        var error = state.Check(new ProfileChange(Profile() with { ReturnDate = ReturnDate.AddDays(6) }));
        Assert.Equal("returnDate", error?.Field);
        Assert.Contains(ReturnDate.AddDays(5).ToString("yyyy-MM-dd"), error!.Message);
        Assert.Null(state.Check(new ProfileChange(Profile() with { ReturnDate = ReturnDate.AddDays(5) })));
        Assert.Null(state.Check(new ProfileChange(Profile() with { ReturnDate = ReturnDate.AddDays(-30) })));
    }

    [Fact]
    public void A_plan_is_checked_as_merged_with_the_stored_one()
    {
        var state = Registered();
        state.PutPlan(new PlanDates(new DateOnly(2024, 1, 5), new DateOnly(2024, 2, 1), null, null, null));

        Assert.Null(state.Check(new PlanChange(new PlanDates(null, null, new DateOnly(2024, 2, 1), null, null))));
        Assert.Equal("assistanceCompleted",
            state.Check(new PlanChange(new PlanDates(null, null, null, new DateOnly(2024, 3, 1), null)))?.Field);
        Assert.Equal("eligible", state.Check(new PlanChange(new PlanDates(new DateOnly(2024, 2, 2), null, null, null, null)))?.Field);
    }

    [Fact]
    public void Data_stored_before_the_rules_does_not_block_other_writes_or_replays()
    {
        // Stored by an older version without checks: a survey before the return, a plan out of funnel order.
        var state = Registered();
        var early = Survey(ReturnDate.AddDays(-10), "baseline", Middle());
        state.PutSurvey("early", early);
        var brokenPlan = new PlanDates(null, new DateOnly(2024, 2, 1), null, null, null);
        state.PutPlan(brokenPlan);

        Assert.Null(state.Check(new SurveyChange("early", early)));                              // replay
        Assert.Null(state.Check(new ProfileChange(Profile("kolda.2"))));                         // a move, same return date
        Assert.Null(state.Check(new ProfileChange(Profile() with { ReturnDate = ReturnDate.AddDays(-5) })));
        Assert.Equal("returnDate", state.Check(new ProfileChange(Profile() with { ReturnDate = ReturnDate.AddDays(1) }))?.Field);
        Assert.Null(state.Check(new PlanChange(brokenPlan)));                                    // replay
        Assert.Null(state.Check(new PlanChange(new PlanDates(new DateOnly(2024, 1, 5), null, null, null, new DateOnly(2024, 3, 1)))));
        Assert.Equal("assistanceStarted",
            state.Check(new PlanChange(new PlanDates(null, null, new DateOnly(2024, 1, 20), null, null)))?.Field);
    }

    [Fact]
    public void A_refresh_changes_no_data_but_gives_a_new_version_and_a_current_contribution()
    {
        var state = Registered();
        var before = state.ToContribution("case-1");
        Assert.True(state.WouldChange(new ContributionRefresh()));
        Assert.True(state.Apply(new ContributionRefresh()));
        var after = state.ToContribution("case-1");
        Assert.Equal(before.Version + 1, after.Version);
        Assert.Equal(ReturneeContribution.CurrentDerivation, after.Derivation);
        Assert.False(after.IsStale);
        Assert.Equal(before with { Version = after.Version, Vulnerabilities = after.Vulnerabilities, PlanStatuses = after.PlanStatuses,
            Assistance = after.Assistance, AssistedByCurrentSurvey = after.AssistedByCurrentSurvey }, after);
    }
}
