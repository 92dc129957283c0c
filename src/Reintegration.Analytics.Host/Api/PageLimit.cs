namespace Reintegration.Analytics.Host.Api;

/// <summary>The <c>limit</c> query parameter of the paged lists (follow-up cases, the audit log).</summary>
internal static class PageLimit
{
    public const int Default = 100;
    public const int Max = 1000;

    public const string CursorProblem = "not a cursor this service gave out; use the 'next' value of the previous page";

    /// <summary>The page size asked for, or the 400 answer naming <c>limit</c>.</summary>
    public static (int Limit, IResult? Problem) Read(HttpRequest request)
    {
        var text = request.Query["limit"].ToString();
        if (text.Length == 0) return (Default, null);
        return int.TryParse(text, out var limit) && limit is >= 1 and <= Max
            ? (limit, null)
            : (0, Problems.Invalid("limit", $"'{text}' is not a whole number from 1 to {Max}"));
    }
}
