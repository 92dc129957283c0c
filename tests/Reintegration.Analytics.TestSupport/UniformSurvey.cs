using Reintegration.Analytics.Domain.Instruments;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Returnees;
using Reintegration.Analytics.Domain.Scoring;

namespace Reintegration.Analytics.TestSupport;

/// <summary>Scored surveys of the default instrument with the same answer on every item of a kind.</summary>
public static class UniformSurvey
{
    /// <summary>Every likert item answered <paramref name="likert"/> ("na" for none), every yes/no item "yes", no debt.</summary>
    public static StoredSurvey Of(DateOnly date, string round, string likert)
    {
        var instrument = InstrumentCatalog.BuiltInDefault;
        var answers = instrument.Items.ToDictionary(i => i.Id, i => i.Scale switch
        {
            _ when likert == "na" => "na",
            AnswerScale.Likert5 or AnswerScale.Likert5Reversed => likert,
            AnswerScale.Debt => "no_debt",
            _ => "yes",
        });
        return new StoredSurvey(new SurveySubmission(date, round, instrument.Id, answers), SurveyScorer.Score(instrument, answers));
    }
}
