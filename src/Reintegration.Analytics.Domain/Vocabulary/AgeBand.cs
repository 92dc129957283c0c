namespace Reintegration.Analytics.Domain.Vocabulary;

/// <summary>Age bands derived from <c>ageAtReturn</c> in whole years (SPEC §2.1).</summary>
public static class AgeBand
{
    public const string Unknown = "unknown";
    public static readonly IReadOnlyList<string> All = ["0-17", "18-24", "25-34", "35-49", "50+", Unknown];

    public static string Of(int? ageAtReturn) => ageAtReturn switch
    {
        null => Unknown,
        < 18 => "0-17",
        < 25 => "18-24",
        < 35 => "25-34",
        < 50 => "35-49",
        _ => "50+",
    };
}
