using Orleans;

namespace Reintegration.Analytics.Domain.Aggregation;

/// <summary>
/// A group's returnees per return date, and those of them with a 12-month follow-up survey, in date order. Every summary
/// keeps one per group, and a programme of 1,000,000 returnees over several years holds millions of (group, date) entries
/// at once: twelve bytes each in one array, where a dictionary took about fifty (issue 10). Summaries are built once and
/// then only read or merged into others, so the array grows while a summary is built and is trimmed once it is complete.
/// </summary>
[GenerateSerializer, Alias("ReturnDays")]
public sealed class ReturnDays
{
    [Id(0)] private ReturnDay[] _days = [];
    [Id(1)] private int _count;

    /// <summary>The days with returnees, earliest first (a segment: enumerated without allocating, serialized as a list).</summary>
    public ArraySegment<ReturnDay> Days => new(_days, 0, _count);

    /// <summary>Counts <paramref name="returnees"/> more returnees on <paramref name="date"/>, as many of them followed up.</summary>
    public void Add(DateOnly date, int returnees, int followedUp)
    {
        var day = new ReturnDay(date, returnees, followedUp);
        var at = IndexOf(date);
        if (at >= 0)
        {
            _days[at] = _days[at].Plus(day);
            return;
        }
        at = ~at;
        Reserve(1);
        Array.Copy(_days, at, _days, at + 1, _count - at);
        _days[at] = day;
        _count++;
    }

    /// <summary>
    /// Adds another group's days. A country merges thousands of small communities into one union of about a thousand
    /// dates, so each of the other's days is looked up (no walk over the union), and only new dates move days, in place.
    /// </summary>
    public void Merge(ReturnDays other)
    {
        ReadOnlySpan<ReturnDay> theirs = other.Days.AsSpan();
        var newDates = 0;
        foreach (var day in theirs)
        {
            var at = IndexOf(day.Date);
            if (at >= 0) _days[at] = _days[at].Plus(day);
            else newDates++;
        }
        if (newDates == 0) return;
        Reserve(newDates);
        // From the end, so that no day is overwritten before it is read; days both hold were added above.
        var (mine, yours, to) = (_count - 1, theirs.Length - 1, _count + newDates - 1);
        while (yours >= 0)
        {
            if (mine >= 0 && _days[mine].Date >= theirs[yours].Date)
            {
                if (_days[mine].Date == theirs[yours].Date) yours--;
                _days[to--] = _days[mine--];
            }
            else _days[to--] = theirs[yours--];
        }
        _count += newDates;
    }

    /// <summary>Drops the room left for more days (a summary that is complete keeps only what it holds).</summary>
    public void TrimExcess()
    {
        if (_days.Length > _count) Array.Resize(ref _days, _count);
    }

    private int IndexOf(DateOnly date) => Array.BinarySearch(_days, 0, _count, new ReturnDay(date, 0, 0), ByDate.Instance);

    /// <summary>Room for <paramref name="more"/> days, doubling (a summary being built grows by a day at a time).</summary>
    private void Reserve(int more)
    {
        if (_count + more > _days.Length) Array.Resize(ref _days, Math.Max(_count + more, Math.Max(4, _days.Length * 2)));
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
