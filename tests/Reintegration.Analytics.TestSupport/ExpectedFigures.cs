namespace Reintegration.Analytics.TestSupport;

/// <summary>The figures of SPEC §2.4 for one unit, recomputed from raw data by <see cref="Recompute"/>.</summary>
public sealed record ExpectedFigures
{
    public required long Returnees { get; init; }
    public required long Surveyed { get; init; }
    public required IReadOnlyDictionary<string, (double? Mean, long N)> Scores { get; init; }
    public required double? SustainableShare { get; init; }
    public required (double? Mean, long N) Improvement { get; init; }
    public required long FollowUpDue { get; init; }
    public required long FollowUpCovered { get; init; }
    public required long FollowUpOpen { get; init; }
    public required long FollowUpOverdue { get; init; }
    public required long FollowUpMissed { get; init; }
    public required double? RemigrationNecessityShare { get; init; }
    public required IReadOnlyDictionary<string, long> Plan { get; init; }
    public required double? CompletionRate { get; init; }
    public required IReadOnlyDictionary<string, (long Records, decimal AmountUsd)> AssistanceByType { get; init; }
    public required long ReturneesAssisted { get; init; }
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Breakdown { get; init; }
    public required IReadOnlyDictionary<string, WhatWorksExpectation> WhatWorks { get; init; }

    /// <summary>grouping ("sex", "ageBand", "returnType") → group → (returnees, composite mean/n, sustainable share).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, GroupExpectation>> Groups { get; init; }
}

public sealed record GroupExpectation(long Returnees, IReadOnlyDictionary<string, (double? Mean, long N)> Scores, double? SustainableShare);

/// <summary>One assistance type's "what works" comparison: both groups and the Welch difference with its interval.</summary>
public sealed record WhatWorksExpectation(
    (double? Mean, long N) Received, (double? Mean, long N) NotReceived, double? Difference, double? CiLow, double? CiHigh);
