using System.Text.Json.Nodes;

namespace Reintegration.Analytics.Host.Tests.Infrastructure;

/// <summary>What the test sent for one returnee (final versions only: corrections replace, replays change nothing).</summary>
public sealed class CaseModel
{
    public required string CaseId { get; init; }
    public required string Country { get; set; }
    public required string CommunityId { get; set; }
    public required string Sex { get; init; }
    public int? Age { get; init; }
    public required DateOnly ReturnDate { get; init; }
    public required string ReturnType { get; init; }
    public string[] Vulnerabilities { get; init; } = [];

    public Dictionary<string, (DateOnly Date, string Round, Dictionary<string, object> Answers)> Surveys { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, (string Type, decimal Amount, DateOnly Date)> Assistance { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Plan { get; } = [];

    public Dictionary<string, object?> Profile() => new()
    {
        ["country"] = Country,
        ["communityId"] = CommunityId,
        ["sex"] = Sex,
        ["ageAtReturn"] = Age,
        ["returnDate"] = Days.Iso(ReturnDate),
        ["returnType"] = ReturnType,
        ["vulnerabilities"] = Vulnerabilities,
    };
}

/// <summary>
/// An independent, from-scratch computation of the SPEC §2.4 figures over a set of returnees,
/// written straight from the SPEC's definitions, used to check every level's document.
/// </summary>
public static class Oracle
{
    public const double Tolerance = 1e-9;

    public static readonly string[] Sexes = ["female", "male", "other", "unknown"];
    public static readonly string[] AgeBands = ["0-17", "18-24", "25-34", "35-49", "50+", "unknown"];
    public static readonly string[] ReturnTypes = ["avrr", "vhr", "forced", "spontaneous"];
    public static readonly string[] VulnerabilityFlags =
        ["trafficking_victim", "unaccompanied_child", "separated_child", "health_needs", "mental_health", "disability", "single_parent", "elderly"];
    public static readonly string[] AssistanceTypes =
    [
        "cash", "in_kind", "business_support", "vocational_training", "job_placement", "housing",
        "medical", "psychosocial_counselling", "education", "legal_documentation", "other",
    ];
    public static readonly (string Status, string Field)[] PlanStatuses =
    [
        ("eligible", "eligible"), ("plan_developed", "planDeveloped"), ("assistance_started", "assistanceStarted"),
        ("assistance_completed", "assistanceCompleted"), ("dropped_out", "droppedOut"),
    ];

    public static string AgeBand(int? age) => age switch
    {
        null => "unknown",
        < 18 => "0-17",
        < 25 => "18-24",
        < 35 => "25-34",
        < 50 => "35-49",
        _ => "50+",
    };

    /// <summary>Latest date; ties to the greatest surveyId (ordinal).</summary>
    public static KeyValuePair<string, (DateOnly Date, string Round, Dictionary<string, object> Answers)>? Current(CaseModel c) =>
        c.Surveys.Count == 0 ? null
            : c.Surveys.OrderByDescending(s => s.Value.Date).ThenByDescending(s => s.Key, StringComparer.Ordinal).First();

    /// <summary>Earliest survey of round baseline.</summary>
    public static KeyValuePair<string, (DateOnly Date, string Round, Dictionary<string, object> Answers)>? Baseline(CaseModel c)
    {
        var baselines = c.Surveys.Where(s => s.Value.Round == "baseline").ToList();
        return baselines.Count == 0 ? null : baselines.OrderBy(s => s.Value.Date).ThenBy(s => s.Key, StringComparer.Ordinal).First();
    }

    public static Scores? CurrentScores(CaseModel c) => Current(c) is { } s ? Answers.Score(s.Value.Answers) : null;

    public static double? Improvement(CaseModel c)
    {
        if (Current(c) is not { } current || Baseline(c) is not { } baseline || current.Value.Date <= baseline.Value.Date) return null;
        var now = Answers.Score(current.Value.Answers).Composite;
        var then = Answers.Score(baseline.Value.Answers).Composite;
        return now is { } n && then is { } t ? n - t : null;
    }

    public static string? Remigration(CaseModel c) =>
        Current(c) is { } s && s.Value.Answers.TryGetValue("remigration_intention", out var v) && v is string answer && answer != "na" ? answer : null;

    public static bool IsDue(CaseModel c) => c.ReturnDate <= Days.Today.AddDays(-365);

    public static bool IsCovered(CaseModel c) =>
        c.Surveys.Values.Any(s => s.Date >= c.ReturnDate.AddDays(270) && s.Date <= c.ReturnDate.AddDays(545));

    /// <summary>SPEC §2.4 follow-up status today, from the day count since return.</summary>
    public static string FollowUpStatus(CaseModel c)
    {
        if (IsCovered(c)) return "covered";
        var days = Days.Today.DayNumber - c.ReturnDate.DayNumber;
        return days < 270 ? "notYet" : days <= 365 ? "open" : days <= 545 ? "overdue" : "missed";
    }

    /// <summary>Received by the current survey: a record of the type dated on or before it.</summary>
    public static bool Received(CaseModel c, string type) =>
        Current(c) is { } current && c.Assistance.Values.Any(a => a.Type == type && a.Date <= current.Value.Date);

    private static (double? Mean, long N) Mean(IEnumerable<double> values)
    {
        var list = values.ToList();
        return (list.Count == 0 ? null : list.Average(), list.Count);
    }

    private static double? Share(long numerator, long denominator) => denominator == 0 ? null : (double)numerator / denominator;

    // ---- assertions -------------------------------------------------------------------------

    public static void AssertClose(double? expected, JsonNode? actual, string what)
    {
        if (expected is null)
            Assert.True(actual is null, $"{what}: expected null, got {actual?.ToJsonString()}");
        else
            Assert.True(actual is not null && Math.Abs(actual.GetValue<double>() - expected.Value) <= Tolerance,
                $"{what}: expected {expected.Value:R}, got {actual?.ToJsonString() ?? "null"}");
    }

    public static void AssertCount(long expected, JsonNode? actual, string what) =>
        Assert.True(actual is not null && actual.GetValue<long>() == expected, $"{what}: expected {expected}, got {actual?.ToJsonString() ?? "null"}");

    private static void AssertMeanCell((double? Mean, long N) expected, JsonNode? cell, string what)
    {
        Assert.True(cell is not null, $"{what}: missing");
        AssertClose(expected.Mean, cell!["mean"], $"{what}.mean");
        AssertCount(expected.N, cell["n"], $"{what}.n");
    }

    private static void AssertScores(IReadOnlyList<CaseModel> cases, JsonNode? scores, string what)
    {
        foreach (var dimension in Answers.Dimensions)
        {
            var values = cases.Select(CurrentScores).Where(s => s?.Get(dimension) is not null).Select(s => s!.Get(dimension)!.Value);
            AssertMeanCell(Mean(values), scores?[dimension], $"{what}.scores.{dimension}");
        }
    }

    private static double? SustainableShare(IReadOnlyList<CaseModel> cases)
    {
        var composites = cases.Select(CurrentScores).Where(s => s?.Composite is not null).Select(s => s!.Composite!.Value).ToList();
        return Share(composites.Count(c => c >= 0.5), composites.Count);
    }

    /// <summary>Checks every SPEC §2.4 figure of an aggregate document against the returnees it covers.</summary>
    public static void AssertFigures(IReadOnlyList<CaseModel> cases, JsonNode document, string label, bool disaggregations)
    {
        AssertCount(cases.Count, document["returnees"], $"{label}.returnees");
        AssertCount(cases.Count(c => c.Surveys.Count > 0), document["surveyed"], $"{label}.surveyed");
        AssertScores(cases, document["scores"], label);
        AssertClose(SustainableShare(cases), document["sustainableShare"], $"{label}.sustainableShare");

        var improvements = cases.Select(Improvement).Where(i => i is not null).Select(i => i!.Value).ToList();
        AssertMeanCell(Mean(improvements), document["improvement"], $"{label}.improvement");

        var due = cases.Where(IsDue).ToList();
        AssertCount(due.Count, document["followUp"]?["due"], $"{label}.followUp.due");
        AssertCount(due.Count(IsCovered), document["followUp"]?["covered"], $"{label}.followUp.covered");
        AssertClose(Share(due.Count(IsCovered), due.Count), document["followUpCoverage"], $"{label}.followUpCoverage");
        foreach (var status in new[] { "open", "overdue", "missed" })
            AssertCount(cases.Count(c => FollowUpStatus(c) == status), document["followUp"]?[status], $"{label}.followUp.{status}");

        var intentions = cases.Select(Remigration).Where(r => r is not null).ToList();
        AssertClose(Share(intentions.Count(r => r == "necessity"), intentions.Count), document["remigrationNecessityShare"], $"{label}.remigrationNecessityShare");

        var plan = document["plan"];
        foreach (var (status, field) in PlanStatuses)
            AssertCount(cases.Count(c => c.Plan.Contains(status)), plan?[field], $"{label}.plan.{field}");
        AssertClose(Share(cases.Count(c => c.Plan.Contains("assistance_completed")), cases.Count(c => c.Plan.Contains("eligible"))),
            plan?["completionRate"], $"{label}.plan.completionRate");

        var assistance = document["assistance"];
        var records = cases.SelectMany(c => c.Assistance.Values).ToList();
        AssertCount(records.Count, assistance?["records"], $"{label}.assistance.records");
        Assert.True(records.Sum(r => r.Amount) == assistance?["amountUsd"]?.GetValue<decimal>(), $"{label}.assistance.amountUsd: expected {records.Sum(r => r.Amount)}, got {assistance?["amountUsd"]}");
        AssertCount(cases.Count(c => c.Assistance.Count > 0), assistance?["returneesAssisted"], $"{label}.assistance.returneesAssisted");
        foreach (var type in AssistanceTypes)
        {
            var ofType = records.Where(r => r.Type == type).ToList();
            var cell = assistance?["byType"]?[type];
            if (ofType.Count == 0)
            {
                Assert.True(cell is null || cell["records"]!.GetValue<long>() == 0, $"{label}.assistance.byType.{type}: expected none, got {cell?.ToJsonString()}");
                continue;
            }
            AssertCount(ofType.Count, cell?["records"], $"{label}.assistance.byType.{type}.records");
            Assert.True(ofType.Sum(r => r.Amount) == cell?["amountUsd"]?.GetValue<decimal>(),
                $"{label}.assistance.byType.{type}.amountUsd: expected {ofType.Sum(r => r.Amount)}, got {cell?["amountUsd"]}");
        }

        var breakdown = document["breakdown"];
        foreach (var sex in Sexes) AssertCount(cases.Count(c => c.Sex == sex), breakdown?["sex"]?[sex], $"{label}.breakdown.sex.{sex}");
        foreach (var band in AgeBands) AssertCount(cases.Count(c => AgeBand(c.Age) == band), breakdown?["ageBand"]?[band], $"{label}.breakdown.ageBand.{band}");
        foreach (var type in ReturnTypes) AssertCount(cases.Count(c => c.ReturnType == type), breakdown?["returnType"]?[type], $"{label}.breakdown.returnType.{type}");
        foreach (var flag in VulnerabilityFlags)
            AssertCount(cases.Count(c => c.Vulnerabilities.Contains(flag)), breakdown?["vulnerability"]?[flag], $"{label}.breakdown.vulnerability.{flag}");

        AssertWhatWorks(cases, document["whatWorks"]!.AsArray(), label);

        if (disaggregations) AssertDisaggregations(cases, document["disaggregations"], label);
    }

    private static void AssertWhatWorks(IReadOnlyList<CaseModel> cases, JsonArray rows, string label)
    {
        var improved = cases.Where(c => Improvement(c) is not null).ToList();
        var byType = rows.ToDictionary(r => r!["type"]!.GetValue<string>(), r => r!);
        foreach (var type in AssistanceTypes)
        {
            var received = improved.Where(c => Received(c, type)).Select(c => Improvement(c)!.Value).ToList();
            var notReceived = improved.Where(c => !Received(c, type)).Select(c => Improvement(c)!.Value).ToList();
            if (!byType.TryGetValue(type, out var row))
            {
                Assert.True(received.Count == 0, $"{label}.whatWorks: no row for {type}, which {received.Count} improved returnee(s) received");
                continue;
            }
            AssertMeanCell(Mean(received), row["received"], $"{label}.whatWorks.{type}.received");
            AssertMeanCell(Mean(notReceived), row["notReceived"], $"{label}.whatWorks.{type}.notReceived");
            AssertClose(received.Count > 0 && notReceived.Count > 0 ? received.Average() - notReceived.Average() : null,
                row["difference"], $"{label}.whatWorks.{type}.difference");
        }
        Assert.All(byType.Keys, type => Assert.Contains(type, AssistanceTypes));
    }

    private static void AssertDisaggregations(IReadOnlyList<CaseModel> cases, JsonNode? disaggregations, string label)
    {
        Assert.True(disaggregations is not null, $"{label}.disaggregations missing");
        void Check(string name, IEnumerable<string> values, Func<CaseModel, string> key)
        {
            foreach (var value in values)
            {
                var group = cases.Where(c => key(c) == value).ToList();
                var figures = disaggregations![name]?[value];
                if (group.Count == 0)
                {
                    Assert.True(figures is null || figures["returnees"]!.GetValue<long>() == 0, $"{label}.disaggregations.{name}.{value}: expected empty");
                    continue;
                }
                var what = $"{label}.disaggregations.{name}.{value}";
                Assert.True(figures is not null, $"{what}: missing");
                AssertCount(group.Count, figures!["returnees"], $"{what}.returnees");
                AssertScores(group, figures["scores"], what);
                AssertClose(SustainableShare(group), figures["sustainableShare"], $"{what}.sustainableShare");
            }
        }
        Check("sex", Sexes, c => c.Sex);
        Check("ageBand", AgeBands, c => AgeBand(c.Age));
        Check("returnType", ReturnTypes, c => c.ReturnType);
    }
}
