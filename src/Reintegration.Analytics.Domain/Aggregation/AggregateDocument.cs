using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Reintegration.Analytics.Domain.Aggregation;

/// <summary>
/// The aggregate read documents of SPEC §2.4/§3.1, one type per level so each carries exactly the
/// fields that apply to it. Names are the SPEC's (camelCase on the wire); suppressed or undefined
/// figures are null.
/// </summary>
/// <summary>The figures every level shares; level documents are built from one of these.</summary>
public record AggregateDocument
{
    public long? Returnees { get; init; }
    public long? Surveyed { get; init; }
    public required IReadOnlyDictionary<string, MeanCell> Scores { get; init; }
    public double? SustainableShare { get; init; }
    public required MeanCell Improvement { get; init; }
    public double? FollowUpCoverage { get; init; }
    public required FollowUpCounts FollowUp { get; init; }
    public double? RemigrationNecessityShare { get; init; }
    public required PlanFunnel Plan { get; init; }
    public required AssistanceOverview Assistance { get; init; }
    public required Breakdown Breakdown { get; init; }
    public required IReadOnlyList<WhatWorksRow> WhatWorks { get; init; }

    /// <summary>True when at least one figure of this document was suppressed for privacy.</summary>
    public bool Suppressed { get; init; }

    /// <summary>False for a moment after a restart or failover, while units below have not reported yet.</summary>
    public bool Complete { get; init; } = true;
    [JsonPropertyOrder(30)] public required DateTimeOffset AsOf { get; init; }
}

/// <summary>A place of return: its returnees' figures plus its latest community assessment.</summary>
public sealed record CommunityAggregateDocument : AggregateDocument
{
    [SetsRequiredMembers]
    public CommunityAggregateDocument(AggregateDocument figures) : base(figures) { }

    /// <summary>For deserialization (clients and tests reading the API).</summary>
    [JsonConstructor]
    public CommunityAggregateDocument() { }

    [JsonPropertyOrder(-10)] public string CommunityId { get; init; } = "";
    [JsonPropertyOrder(-10)] public string Name { get; init; } = "";
    [JsonPropertyOrder(-10)] public string? Admin1 { get; init; }
    [JsonPropertyOrder(-10)] public double? Latitude { get; init; }
    [JsonPropertyOrder(-10)] public double? Longitude { get; init; }
    [JsonPropertyOrder(-10)] public string Country { get; init; } = "";
    [JsonPropertyOrder(-10)] public string Region { get; init; } = "";
    [JsonPropertyOrder(10)] public double? ServicesIndex { get; init; }
    [JsonPropertyOrder(10)] public double? CohesionIndex { get; init; }
    [JsonPropertyOrder(10)] public double? JointParticipationShare { get; init; }
    [JsonPropertyOrder(10)] public long? Population { get; init; }
    /// <summary>Returnees with a return date in the last 365 days per 1,000 population.</summary>
    [JsonPropertyOrder(10)] public double? ReturnPressure { get; init; }
    [JsonPropertyOrder(10)] public LatestAssessment? Assessment { get; init; }
}

public sealed record CountryAggregateDocument : AggregateDocument
{
    [SetsRequiredMembers]
    public CountryAggregateDocument(AggregateDocument figures) : base(figures) { }

    /// <summary>For deserialization (clients and tests reading the API).</summary>
    [JsonConstructor]
    public CountryAggregateDocument() { }

    [JsonPropertyOrder(-10)] public string Country { get; init; } = "";
    [JsonPropertyOrder(-10)] public string Region { get; init; } = "";
    [JsonPropertyOrder(-10)] public long Communities { get; init; }
    [JsonPropertyOrder(10)] public double? StructuralIndex { get; init; }
    [JsonPropertyOrder(10)] public LatestAssessment? StructuralAssessment { get; init; }
    [JsonPropertyOrder(20)] public Disaggregations? Disaggregations { get; init; }
}

public sealed record RegionAggregateDocument : AggregateDocument
{
    [SetsRequiredMembers]
    public RegionAggregateDocument(AggregateDocument figures) : base(figures) { }

    /// <summary>For deserialization (clients and tests reading the API).</summary>
    [JsonConstructor]
    public RegionAggregateDocument() { }

    [JsonPropertyOrder(-10)] public string Region { get; init; } = "";
    [JsonPropertyOrder(-10)] public IReadOnlyList<string> Countries { get; init; } = [];
    [JsonPropertyOrder(20)] public Disaggregations? Disaggregations { get; init; }
}

public sealed record GlobalAggregateDocument : AggregateDocument
{
    [SetsRequiredMembers]
    public GlobalAggregateDocument(AggregateDocument figures) : base(figures) { }

    /// <summary>For deserialization (clients and tests reading the API).</summary>
    [JsonConstructor]
    public GlobalAggregateDocument() { }

    [JsonPropertyOrder(-10)] public IReadOnlyList<string> Regions { get; init; } = [];
    [JsonPropertyOrder(20)] public Disaggregations? Disaggregations { get; init; }
}

public sealed record LatestAssessment(string AssessmentId, DateOnly Date);

/// <summary>A mean with its n; <see cref="Suppressed"/> when n is below the minimum cell size.</summary>
public sealed record MeanCell(double? Mean, long? N, bool Suppressed = false);

/// <summary>
/// 12-month follow-up (SPEC §2.4): <c>due</c> and <c>covered</c> are coverage's denominator and numerator;
/// open, overdue and missed count returnees without a survey in the window, by where today falls.
/// </summary>
public sealed record FollowUpCounts(long? Due, long? Covered, long? Open, long? Overdue, long? Missed);

public sealed record PlanFunnel(
    long? Eligible, long? PlanDeveloped, long? AssistanceStarted, long? AssistanceCompleted, long? DroppedOut, double? CompletionRate);

/// <summary>Assistance records and US dollars, in all and by type; a type of fewer than k returnees is suppressed.</summary>
public sealed record AssistanceOverview(
    long? Records, decimal? AmountUsd, long? ReturneesAssisted, IReadOnlyDictionary<string, AssistanceTypeCell> ByType);

public sealed record AssistanceTypeCell(long? Records, decimal? AmountUsd, bool Suppressed = false);

public sealed record Breakdown(
    IReadOnlyDictionary<string, long?> Sex,
    IReadOnlyDictionary<string, long?> AgeBand,
    IReadOnlyDictionary<string, long?> ReturnType,
    IReadOnlyDictionary<string, long?> Vulnerability);

/// <summary>
/// Mean improvement of returnees who received an assistance type (a record dated on or before their current
/// survey) versus those who did not, and the difference received − not received with its Welch 95 % interval.
/// An observational comparison: who gets which assistance is not random, so this is not a causal effect.
/// </summary>
public sealed record WhatWorksRow(string Type, MeanCell Received, MeanCell NotReceived, double? Difference, double? CiLow, double? CiHigh);

public sealed record Disaggregations(
    IReadOnlyDictionary<string, GroupFigures> Sex,
    IReadOnlyDictionary<string, GroupFigures> AgeBand,
    IReadOnlyDictionary<string, GroupFigures> ReturnType);

public sealed record GroupFigures(long? Returnees, IReadOnlyDictionary<string, MeanCell> Scores, double? SustainableShare);

