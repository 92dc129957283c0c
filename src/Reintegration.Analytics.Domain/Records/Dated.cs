namespace Reintegration.Analytics.Domain.Records;

/// <summary>"Latest" rules shared by surveys and assessments: latest date wins, ties go to the greatest id (ordinal).</summary>
public static class Dated
{
    public static KeyValuePair<string, T>? Latest<T>(IEnumerable<KeyValuePair<string, T>> items, Func<T, DateOnly> date)
    {
        KeyValuePair<string, T>? best = null;
        foreach (var item in items)
            if (best is not { } b || IsLater(date(item.Value), item.Key, date(b.Value), b.Key))
                best = item;
        return best;
    }

    public static KeyValuePair<string, T>? Earliest<T>(IEnumerable<KeyValuePair<string, T>> items, Func<T, DateOnly> date)
    {
        KeyValuePair<string, T>? best = null;
        foreach (var item in items)
            if (best is not { } b || IsLater(date(b.Value), b.Key, date(item.Value), item.Key))
                best = item;
        return best;
    }

    private static bool IsLater(DateOnly date, string id, DateOnly otherDate, string otherId) =>
        date > otherDate || (date == otherDate && string.CompareOrdinal(id, otherId) > 0);
}
