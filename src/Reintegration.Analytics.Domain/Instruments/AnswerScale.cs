namespace Reintegration.Analytics.Domain.Instruments;

/// <summary>
/// Answer scales of SPEC §2.2. Values are decimals so the weighted sums of the scorer are exact
/// (every scale value is a multiple of 0.25) and thresholds are not blurred by binary rounding.
/// </summary>
public enum AnswerScale
{
    Likert5,
    Likert5Reversed,
    YesNo,
    YesNoReversed,
    Debt,
}

public static class AnswerScales
{
    public static bool TryParseName(string? name, out AnswerScale scale)
    {
        (var ok, scale) = name switch
        {
            "likert5" => (true, AnswerScale.Likert5),
            "likert5r" => (true, AnswerScale.Likert5Reversed),
            "yesno" => (true, AnswerScale.YesNo),
            "yesnor" => (true, AnswerScale.YesNoReversed),
            "debt" => (true, AnswerScale.Debt),
            _ => (false, default),
        };
        return ok;
    }

    /// <summary>The accepted answers, for error messages.</summary>
    public static string Describe(AnswerScale scale) => scale switch
    {
        AnswerScale.Likert5 or AnswerScale.Likert5Reversed => "an integer 1..5 or \"na\"",
        AnswerScale.YesNo or AnswerScale.YesNoReversed => "\"yes\", \"no\" or \"na\"",
        AnswerScale.Debt => "\"debt_larger\", \"about_equal\", \"spending_larger\", \"no_debt\" or \"na\"",
        _ => throw new ArgumentOutOfRangeException(nameof(scale)),
    };

    /// <summary>
    /// Maps a raw answer (already normalised to a string: "3", "yes", ...) to its value in [0,1].
    /// </summary>
    public static bool TryValue(AnswerScale scale, string answer, out decimal value)
    {
        value = 0m;
        switch (scale)
        {
            case AnswerScale.Likert5 or AnswerScale.Likert5Reversed:
                if (answer.Length != 1 || answer[0] < '1' || answer[0] > '5') return false;
                var a = answer[0] - '0';
                value = scale == AnswerScale.Likert5 ? (a - 1) / 4m : (5 - a) / 4m;
                return true;
            case AnswerScale.YesNo or AnswerScale.YesNoReversed:
                if (answer is not ("yes" or "no")) return false;
                value = (answer == "yes") == (scale == AnswerScale.YesNo) ? 1m : 0m;
                return true;
            case AnswerScale.Debt:
                switch (answer)
                {
                    case "debt_larger": value = 0m; return true;
                    case "about_equal": value = 0.5m; return true;
                    case "spending_larger" or "no_debt": value = 1m; return true;
                    default: return false;
                }
            default:
                return false;
        }
    }
}
