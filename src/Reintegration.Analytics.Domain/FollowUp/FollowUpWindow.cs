using Reintegration.Analytics.Domain.Vocabulary;

namespace Reintegration.Analytics.Domain.FollowUp;

/// <summary>
/// The 12-month monitoring rule of SPEC §2.4: a returnee is due once its return is 365 days old,
/// and is covered by a survey dated returnDate+270 … returnDate+545 days, inclusive (the window).
/// </summary>
public static class FollowUpWindow
{
    public const int DueAfterDays = 365;
    public const int FirstDay = 270;
    public const int LastDay = 545;

    public static DateOnly Opens(DateOnly returnDate) => returnDate.AddDays(FirstDay);

    public static DateOnly Closes(DateOnly returnDate) => returnDate.AddDays(LastDay);

    public static bool Covers(DateOnly returnDate, DateOnly surveyDate) =>
        surveyDate >= Opens(returnDate) && surveyDate <= Closes(returnDate);

    public static bool IsDue(DateOnly returnDate, DateOnly today) => returnDate <= today.AddDays(-DueAfterDays);

    /// <summary>
    /// The status of one returnee on <paramref name="today"/>: <c>covered</c> whenever a survey is in the
    /// window, else by where today falls relative to the window (day 365 itself is still <c>open</c>).
    /// </summary>
    public static string StatusOf(DateOnly returnDate, bool covered, DateOnly today)
    {
        if (covered) return FollowUpStatus.Covered;
        var day = today.DayNumber - returnDate.DayNumber;
        return day switch
        {
            < FirstDay => FollowUpStatus.NotYet,
            <= DueAfterDays => FollowUpStatus.Open,
            <= LastDay => FollowUpStatus.Overdue,
            _ => FollowUpStatus.Missed,
        };
    }

    /// <summary>Returns in the last 365 days (for community return pressure): today-364 … today.</summary>
    public static bool IsRecentReturn(DateOnly returnDate, DateOnly today) =>
        returnDate > today.AddDays(-DueAfterDays) && returnDate <= today;
}
