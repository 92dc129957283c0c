using Orleans;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Scoring;

namespace Reintegration.Analytics.Domain.Returnees;

/// <summary>A survey as kept by its returnee: what was submitted and the scores it got at the time.</summary>
[GenerateSerializer, Immutable, Alias("StoredSurvey")]
public sealed record StoredSurvey(
    [property: Id(0)] SurveySubmission Submission,
    [property: Id(1)] SurveyScores Scores);
