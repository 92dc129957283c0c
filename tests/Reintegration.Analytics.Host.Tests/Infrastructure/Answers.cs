namespace Reintegration.Analytics.Host.Tests.Infrastructure;

/// <summary>Scores of one survey as the test expects them (SPEC §2.2).</summary>
public sealed record Scores(double? Economic, double? Social, double? Psychosocial, double? Composite)
{
    public bool? Sustainable => Composite is { } c ? c >= 0.5 : null;

    public double? Get(string dimension) => dimension switch
    {
        "economic" => Economic,
        "social" => Social,
        "psychosocial" => Psychosocial,
        "composite" => Composite,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
    };
}

/// <summary>
/// Hand-picked answer sets for instrument rss-default-v1, and an independent scorer written from the
/// SPEC §2.2 table (not from the product code) to compute what the API must answer.
/// </summary>
public static class Answers
{
    public static readonly string[] Dimensions = ["economic", "social", "psychosocial", "composite"];

    /// <summary>SPEC §2.2: item, dimension, scale, weight.</summary>
    public static readonly (string Item, string Dimension, string Scale, decimal Weight)[] Items =
    [
        ("econ_satisfaction", "economic", "likert5", 0.15m),
        ("food_reduction", "economic", "likert5r", 0.15m),
        ("can_borrow", "economic", "yesno", 0.10m),
        ("borrowing_frequency", "economic", "likert5r", 0.10m),
        ("debt_vs_spending", "economic", "debt", 0.10m),
        ("employed", "economic", "yesno", 0.20m),
        ("productive_assets", "economic", "yesno", 0.10m),
        ("job_search_access", "economic", "yesno", 0.10m),
        ("housing_access", "social", "likert5", 0.15m),
        ("housing_standard", "social", "likert5", 0.10m),
        ("education_access", "social", "likert5", 0.10m),
        ("justice_access", "social", "likert5", 0.10m),
        ("documentation", "social", "yesno", 0.15m),
        ("water_access", "social", "likert5", 0.15m),
        ("health_access", "social", "likert5", 0.15m),
        ("health_quality", "social", "likert5", 0.10m),
        ("social_participation", "psychosocial", "likert5", 0.10m),
        ("support_network", "psychosocial", "likert5", 0.15m),
        ("belonging", "psychosocial", "likert5", 0.10m),
        ("physical_safety", "psychosocial", "likert5", 0.15m),
        ("family_tensions", "psychosocial", "likert5r", 0.10m),
        ("discrimination", "psychosocial", "likert5r", 0.10m),
        ("distress", "psychosocial", "likert5r", 0.10m),
        ("wants_psych_support", "psychosocial", "yesnor", 0.05m),
        ("able_to_stay", "psychosocial", "yesno", 0.15m),
    ];

    /// <summary>
    /// Every item at its best value (likert 5, reversed likert 1, yes, reversed yes/no "no", no debt):
    /// every dimension and the composite are 1.0.
    /// </summary>
    public static Dictionary<string, object> Best(string? remigration = null) => Build(
        likert: 5, reversedLikert: 1, yes: "yes", reversedYes: "no", debt: "no_debt", remigration);

    /// <summary>Every item at its worst value: every dimension and the composite are 0.0.</summary>
    public static Dictionary<string, object> Worst(string? remigration = null) => Build(
        likert: 1, reversedLikert: 5, yes: "no", reversedYes: "yes", debt: "debt_larger", remigration);

    /// <summary>
    /// Likert items 3 (value 0.5), debt "about_equal" (0.5), yes/no items "na". Economic then has only
    /// 0.50 answered weight (&lt; 0.60) → null, so the composite is null; social and psychosocial are 0.5.
    /// </summary>
    public static Dictionary<string, object> MidWithoutYesNo(string? remigration = null) => Build(
        likert: 3, reversedLikert: 3, yes: "na", reversedYes: "na", debt: "about_equal", remigration);

    /// <summary>
    /// Likert items 3 and debt "about_equal" (0.5), yes/no items at their best (1):
    /// economic = (0.5·0.5 + 0.5·1)/1 = 0.75; social = (0.85·0.5 + 0.15·1)/1 = 0.575;
    /// psychosocial = (0.8·0.5 + 0.2·1)/1 = 0.6; composite = (0.75+0.575+0.6)/3 = 0.641666…
    /// </summary>
    public static Dictionary<string, object> MidWithYes(string? remigration = null) => Build(
        likert: 3, reversedLikert: 3, yes: "yes", reversedYes: "no", debt: "about_equal", remigration);

    public const double MidWithYesComposite = (0.75 + 0.575 + 0.6) / 3;

    private static Dictionary<string, object> Build(int likert, int reversedLikert, string yes, string reversedYes, string debt, string? remigration)
    {
        var answers = new Dictionary<string, object>();
        foreach (var (item, _, scale, _) in Items)
            answers[item] = scale switch
            {
                "likert5" => likert,
                "likert5r" => reversedLikert,
                "yesno" => yes,
                "yesnor" => reversedYes,
                "debt" => debt,
                _ => throw new InvalidOperationException(scale),
            };
        if (remigration is not null) answers["remigration_intention"] = remigration;
        return answers;
    }

    /// <summary>The reference scorer: SPEC §2.2 formulas over the table above.</summary>
    public static Scores Score(IReadOnlyDictionary<string, object> answers)
    {
        double? Dimension(string dimension)
        {
            decimal sum = 0, weight = 0;
            foreach (var (item, d, scale, w) in Items)
            {
                if (d != dimension || !answers.TryGetValue(item, out var raw)) continue;
                var answer = Convert.ToString(raw, System.Globalization.CultureInfo.InvariantCulture)!;
                if (answer == "na") continue;
                decimal value = scale switch
                {
                    "likert5" => (int.Parse(answer) - 1) / 4m,
                    "likert5r" => (5 - int.Parse(answer)) / 4m,
                    "yesno" => answer == "yes" ? 1m : 0m,
                    "yesnor" => answer == "yes" ? 0m : 1m,
                    "debt" => answer switch { "debt_larger" => 0m, "about_equal" => 0.5m, _ => 1m },
                    _ => throw new InvalidOperationException(scale),
                };
                sum += w * value;
                weight += w;
            }
            return weight >= 0.60m ? (double)(sum / weight) : null;
        }

        var e = Dimension("economic");
        var s = Dimension("social");
        var p = Dimension("psychosocial");
        double? c = e is { } ev && s is { } sv && p is { } pv ? (ev + sv + pv) / 3 : null;
        return new Scores(e, s, p, c);
    }
}
