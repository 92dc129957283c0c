using Orleans;

namespace Reintegration.Analytics.Domain.Aggregation;

/// <summary>
/// A group's returnees per return date, and those of them with a 12-month follow-up survey, in date order. Every summary
/// keeps one per group, and a programme of 1,000,000 returnees over several years holds millions of (group, date) entries
/// at once: twelve bytes each in one array, where a dictionary took about fifty (issue 10). Summaries are built once and
/// then only read or merged, so days are inserted in order and the array is trimmed when a summary is complete.
/// </summary>
[GenerateSerializer, Alias("ReturnDays")]
public sealed class ReturnDays
{
    [Id(0)] private ReturnDay[] _days = [];
    [Id(1)] private int _count;

    /// <summary>The days with returnees, earliest first.</summary>
    public ReadOnlySpan<ReturnDay> Days => _days.AsSpan(0, _count);

    /// <summary>Counts <paramref name="returnees"/> more returnees on <paramref name="date"/>, as many of them followed up.</summary>
    public void Add(DateOnly date, int returnees, int followedUp)
    {
        var at = Array.BinarySearch(_days, 0, _count, new ReturnDay(date, 0, 0), ByDate.Instance);
        if (at >= 0)
        {
            var day = _days[at];
            _days[at] = day with { Returnees = day.Returnees + returnees, FollowedUp = day.FollowedUp + followedUp };
            return;
        }
        at = ~at;
        if (_count == _days.Length) Array.Resize(ref _days, Math.Max(4, _count * 2));
        Array.Copy(_days, at, _days, at + 1, _count - at);
        _days[at] = new ReturnDay(date, returnees, followedUp);
        _count++;
    }

    /// <summary>Adds another group's days: in place when it has no date of its own, else into one array of the union.</summary>
    public void Merge(ReturnDays other)
    {
        var theirs = other.Days;
        var newDates = 0;
        for (int i = 0, j = 0; j < theirs.Length; j++)
        {
            while (i < _count && _days[i].Date < theirs[j].Date) i++;
            if (i == _count || _days[i].Date != theirs[j].Date) newDates++;
        }
        var merged = newDates == 0 ? _days : new ReturnDay[_count + newDates];
        // From the end, so that merging in place never overwrites a day not read yet.
        var (mine, yours, to) = (_count - 1, theirs.Length - 1, _count + newDates - 1);
        while (yours >= 0)
        {
            if (mine >= 0 && _days[mine].Date > theirs[yours].Date) merged[to--] = _days[mine--];
            else if (mine >= 0 && _days[mine].Date == theirs[yours].Date) merged[to--] = _days[mine--].Plus(theirs[yours--]);
            else merged[to--] = theirs[yours--];
        }
        if (!ReferenceEquals(merged, _days)) Array.Copy(_days, merged, mine + 1);
        (_days, _count) = (merged, _count + newDates);
    }

    /// <summary>Drops the room left for more days (a summary that is complete keeps only what it holds).</summary>
    public void TrimExcess()
    {
        if (_days.Length > _count) Array.Resize(ref _days, _count);
    }

    private sealed class ByDate : IComparer<ReturnDay>
    {
        public static readonly ByDate Instance = new();

        public int Compare(ReturnDay x, ReturnDay y) => x.Date.CompareTo(y.Date);
    }
}

/// <summary>Returnees of a group who returned on one date, and those of them with a 12-month follow-up survey.</summary>
[GenerateSerializer, Immutable, Alias("ReturnDay")]
public readonly record struct ReturnDay([property: Id(0)] DateOnly Date, [property: Id(1)] int Returnees, [property: Id(2)] int FollowedUp)
{
    public ReturnDay Plus(ReturnDay other) =>
        this with { Returnees = Returnees + other.Returnees, FollowedUp = FollowedUp + other.FollowedUp };
}
