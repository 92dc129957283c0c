using System.Text.Json.Nodes;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Host.Tests.Monitoring;

/// <summary>
/// What the business gauges of one country must show, read from its API document (SPEC §3.2 names):
/// each key is "family{extra label}" and every figure the API suppresses (null) has no series.
/// </summary>
public static class ApiFigures
{
    public static Dictionary<string, double> ExpectedSeries(JsonNode country)
    {
        var expected = new Dictionary<string, double>();
        void Add(string key, JsonNode? value)
        {
            if (value is not null) expected[key] = value.GetValue<double>();
        }

        Add("reintegration_returnees", country["returnees"]);
        Add("reintegration_surveyed_returnees", country["surveyed"]);
        foreach (var dimension in new[] { "economic", "social", "psychosocial", "composite" })
        {
            if (country["scores"]![dimension]!["mean"] is null) continue;
            Add($"reintegration_score_mean_ratio{{{dimension}}}", country["scores"]![dimension]!["mean"]);
            Add($"reintegration_score_count{{{dimension}}}", country["scores"]![dimension]!["n"]);
        }
        Add("reintegration_sustainable_share_ratio", country["sustainableShare"]);
        Add("reintegration_followup_coverage_ratio", country["followUpCoverage"]);
        Add("reintegration_remigration_necessity_share_ratio", country["remigrationNecessityShare"]);
        Add("reintegration_structural_index_ratio", country["structuralIndex"]);
        foreach (var (status, field) in new[]
                 {
                     ("eligible", "eligible"), ("plan_developed", "planDeveloped"), ("assistance_started", "assistanceStarted"),
                     ("assistance_completed", "assistanceCompleted"), ("dropped_out", "droppedOut"),
                 })
            Add($"reintegration_plan_returnees{{{status}}}", country["plan"]![field]);
        foreach (var status in new[] { "due", "covered", "open", "overdue", "missed" })
            Add($"reintegration_followup_returnees{{{status}}}", country["followUp"]![status]);
        return expected;
    }

    /// <summary>The key of a sample as <see cref="ExpectedSeries"/> writes it.</summary>
    public static string KeyOf(IReadOnlyDictionary<string, string> labels)
    {
        var extra = labels.Where(l => l.Key is not ("__name__" or "country" or "region" or "instance" or "job")).Select(l => l.Value).ToList();
        return extra.Count == 0 ? labels["__name__"] : $"{labels["__name__"]}{{{string.Join(",", extra)}}}";
    }

    /// <summary>The country's series in a /metrics response equal its API document (assistance: every exported type).</summary>
    public static void AssertCountrySeries(IReadOnlyList<PromSample> samples, JsonNode document, string country, string where)
    {
        var expected = ExpectedSeries(document);
        var exported = samples
            .Where(s => s.Labels.GetValueOrDefault("country") == country && s.Labels["__name__"].StartsWith("reintegration_"))
            .ToList();
        Assert.All(exported, s => Assert.Equal(document["region"]!.GetValue<string>(), s.Labels["region"]));

        var assistance = exported.Where(s => s.Labels["__name__"] == "reintegration_assistance_usd").ToList();
        foreach (var sample in assistance)
            Assert.Equal(document["assistance"]!["byType"]![sample.Labels["type"]]!["amountUsd"]!.GetValue<double>(), sample.Value, 6);
        Assert.Equal(expected.ContainsKey("reintegration_remigration_necessity_share_ratio"),
            exported.Any(s => s.Labels["__name__"] == "reintegration_remigration_answered_returnees"));

        var compared = exported
            .Where(s => s.Labels["__name__"] is not ("reintegration_assistance_usd" or "reintegration_remigration_answered_returnees"))
            .ToDictionary(s => KeyOf(s.Labels), s => s.Value);
        Assert.Equal(expected.Keys.Order(), compared.Keys.Order());
        foreach (var (key, value) in expected)
            Assert.True(Math.Abs(value - compared[key]) < 1e-9, $"{where} {country} {key}: /metrics {compared[key]}, API {value}");
    }
}
