using Orleans;

namespace Reintegration.Analytics.Domain.Records;

/// <summary>
/// A monitoring survey as submitted. Answers are normalised to strings ("3", "yes", "na");
/// unanswered items are simply absent.
/// </summary>
[GenerateSerializer, Immutable, Alias("SurveySubmission")]
public sealed record SurveySubmission(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] string Round,
    [property: Id(2)] string Instrument,
    [property: Id(3)] IReadOnlyDictionary<string, string> Answers)
{
    public bool ContentEquals(SurveySubmission other) =>
        Date == other.Date && Round == other.Round && Instrument == other.Instrument
        && Answers.Count == other.Answers.Count
        && Answers.All(a => other.Answers.TryGetValue(a.Key, out var v) && v == a.Value);
}
