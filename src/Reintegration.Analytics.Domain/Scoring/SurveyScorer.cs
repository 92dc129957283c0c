using Reintegration.Analytics.Domain.Instruments;
using Reintegration.Analytics.Domain.Validation;
using Reintegration.Analytics.Domain.Vocabulary;

namespace Reintegration.Analytics.Domain.Scoring;

/// <summary>
/// Turns a survey's answers into dimension, composite and sustainability scores (SPEC §2.2).
/// Arithmetic is decimal: item values are multiples of 0.25 and weights are short decimals, so
/// weighted sums and the answered-weight test are exact.
/// </summary>
public static class SurveyScorer
{
    public const string NotApplicable = "na";

    /// <summary>
    /// The composite is compared with the threshold after decimal division; this tolerance keeps a
    /// composite that is mathematically exactly at the threshold on the sustainable side.
    /// </summary>
    private const decimal ThresholdTolerance = 0.00000000000000000001m;

    /// <summary>Checks every answer; returns one error per bad item (empty when the survey is valid).</summary>
    public static IReadOnlyList<FieldError> Validate(Instrument instrument, IReadOnlyDictionary<string, string> answers)
    {
        var errors = new List<FieldError>();
        foreach (var (itemId, answer) in answers)
        {
            var field = $"answers.{itemId}";
            if (instrument.ItemsById.TryGetValue(itemId, out var item))
            {
                if (answer != NotApplicable && !AnswerScales.TryValue(item.Scale, answer, out _))
                    errors.Add(new FieldError(field, $"'{answer}' is not a valid answer; expected {AnswerScales.Describe(item.Scale)}"));
            }
            else if (instrument.UnscoredItems.TryGetValue(itemId, out var allowed))
            {
                if (answer != NotApplicable && !allowed.Contains(answer))
                    errors.Add(new FieldError(field, $"'{answer}' is not a valid answer; expected one of {string.Join(", ", allowed)} or \"na\""));
            }
            else
            {
                errors.Add(new FieldError(field, $"'{itemId}' is not an item of instrument '{instrument.Id}'"));
            }
        }
        return errors;
    }

    /// <summary>Scores a survey whose answers passed <see cref="Validate"/>.</summary>
    public static SurveyScores Score(Instrument instrument, IReadOnlyDictionary<string, string> answers)
    {
        var economic = ScoreDimension(instrument, Dimension.Economic, answers);
        var social = ScoreDimension(instrument, Dimension.Social, answers);
        var psychosocial = ScoreDimension(instrument, Dimension.Psychosocial, answers);

        decimal? composite = null;
        if (economic is { } e && social is { } s && psychosocial is { } p)
        {
            var w = instrument.DimensionWeights;
            composite = (w[Dimension.Economic] * e + w[Dimension.Social] * s + w[Dimension.Psychosocial] * p)
                / (w[Dimension.Economic] + w[Dimension.Social] + w[Dimension.Psychosocial]);
        }

        bool? sustainable = composite is { } c ? c >= instrument.SustainableThreshold - ThresholdTolerance : null;
        return new SurveyScores(ToDouble(economic), ToDouble(social), ToDouble(psychosocial), ToDouble(composite), sustainable);
    }

    private static decimal? ScoreDimension(Instrument instrument, string dimension, IReadOnlyDictionary<string, string> answers)
    {
        decimal weighted = 0, answeredWeight = 0;
        foreach (var item in instrument.Items)
        {
            if (item.Dimension != dimension) continue;
            if (!answers.TryGetValue(item.Id, out var answer) || answer == NotApplicable) continue;
            if (!AnswerScales.TryValue(item.Scale, answer, out var value)) continue;
            weighted += item.Weight * value;
            answeredWeight += item.Weight;
        }
        return answeredWeight > 0 && answeredWeight >= instrument.MinAnsweredWeight ? weighted / answeredWeight : null;
    }

    private static double? ToDouble(decimal? value) => value is { } v ? (double)v : null;
}
