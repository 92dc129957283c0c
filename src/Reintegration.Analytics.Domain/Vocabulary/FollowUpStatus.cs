namespace Reintegration.Analytics.Domain.Vocabulary;

/// <summary>
/// A returnee's 12-month follow-up status as of a day (SPEC §2.4); the strings are API values, query
/// parameters and metric label values. See <see cref="FollowUp.FollowUpWindow.StatusOf"/>.
/// </summary>
public static class FollowUpStatus
{
    /// <summary>A survey is dated inside the window.</summary>
    public const string Covered = "covered";
    /// <summary>The window has not opened yet.</summary>
    public const string NotYet = "notYet";
    /// <summary>The window is open and the return is at most 365 days old: a visit is due now.</summary>
    public const string Open = "open";
    /// <summary>More than 365 days since return, the window still open: the visit is late.</summary>
    public const string Overdue = "overdue";
    /// <summary>The window closed without a survey in it.</summary>
    public const string Missed = "missed";

    public static readonly IReadOnlyList<string> All = [Covered, NotYet, Open, Overdue, Missed];

    /// <summary>The statuses a case worker acts on, which have case lists (<c>GET /countries/{iso3}/followup</c>).</summary>
    public static readonly IReadOnlyList<string> Actionable = [Open, Overdue, Missed];
}
