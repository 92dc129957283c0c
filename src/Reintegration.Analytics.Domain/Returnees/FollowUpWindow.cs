namespace Reintegration.Analytics.Domain.Returnees;

/// <summary>
/// The 12-month monitoring rule of SPEC §2.4: a returnee is due once its return is 365 days old,
/// and is covered by a survey dated returnDate+270 … returnDate+545 days, inclusive.
/// </summary>
public static class FollowUpWindow
{
    public const int DueAfterDays = 365;
    public const int FirstDay = 270;
    public const int LastDay = 545;

    public static bool Covers(DateOnly returnDate, DateOnly surveyDate) =>
        surveyDate >= returnDate.AddDays(FirstDay) && surveyDate <= returnDate.AddDays(LastDay);

    public static bool IsDue(DateOnly returnDate, DateOnly today) => returnDate <= today.AddDays(-DueAfterDays);

    /// <summary>Returns in the last 365 days (for community return pressure): today-364 … today.</summary>
    public static bool IsRecentReturn(DateOnly returnDate, DateOnly today) =>
        returnDate > today.AddDays(-DueAfterDays) && returnDate <= today;
}
