using System.Text.RegularExpressions;

namespace Reintegration.Analytics.Domain.Validation;

/// <summary>Shapes of the pseudonymous identifiers (SPEC §2.1).</summary>
public static partial class Identifiers
{
    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex CaseIdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]{1,64}\z")]
    private static partial Regex CommunityIdPattern();

    public static bool IsCaseId(string? value) => value is not null && CaseIdPattern().IsMatch(value);

    /// <summary>Community ids; also used for record ids (surveyId, assistanceId, assessmentId).</summary>
    public static bool IsCommunityId(string? value) => value is not null && CommunityIdPattern().IsMatch(value);

    public static bool IsRecordId(string? value) => IsCommunityId(value);

    public const string CaseIdRule = "1-64 characters from [A-Za-z0-9_-]";
    public const string CommunityIdRule = "1-64 characters from [A-Za-z0-9_.-]";
}
