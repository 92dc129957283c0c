using Reintegration.Analytics.Domain.Returnees;

namespace Reintegration.Analytics.Domain.FollowUp;

/// <summary>
/// Case lists by follow-up status, paged by <see cref="FollowUpCursor"/>: each community selects its
/// first cases after the cursor from the contributions it holds, and the country merges those pages.
/// Both use the same status rule as the aggregates, so the lists hold exactly the cases they count.
/// </summary>
public static class FollowUpCaseList
{
    /// <summary>
    /// The first <paramref name="limit"/> cases with <paramref name="status"/> after <paramref name="after"/>, in list order.
    /// </summary>
    public static IReadOnlyList<FollowUpCase> Select(
        IEnumerable<ReturneeContribution> contributions, string status, DateOnly today, FollowUpCursor? after, int limit)
    {
        // Keeps the best `limit` seen so far, the worst on top: O(n log limit) instead of sorting every match.
        var best = new PriorityQueue<FollowUpCase, FollowUpCursor>(Comparer<FollowUpCursor>.Create((a, b) => b.CompareTo(a)));
        foreach (var contribution in contributions)
        {
            if (contribution.FollowUpStatus(today) != status) continue;
            var candidate = FollowUpCase.Of(contribution);
            var position = candidate.Position;
            if (after is not null && position.CompareTo(after) <= 0) continue;
            if (best.Count < limit) best.Enqueue(candidate, position);
            else if (best.TryPeek(out _, out var worst) && position.CompareTo(worst) < 0) best.EnqueueDequeue(candidate, position);
        }
        return best.UnorderedItems.Select(i => i.Element).OrderBy(c => c.Position).ToList();
    }

    /// <summary>One page from the communities' own first pages (each asked for <paramref name="limit"/> + 1 cases).</summary>
    public static FollowUpPage Merge(IEnumerable<IReadOnlyList<FollowUpCase>> communityPages, int limit)
    {
        var merged = communityPages.SelectMany(p => p).OrderBy(c => c.Position).Take(limit + 1).ToList();
        if (merged.Count <= limit) return new FollowUpPage(merged, null);
        var page = merged.Take(limit).ToList();
        return new FollowUpPage(page, page[^1].Position);
    }
}

/// <summary>A page of a case list and the cursor of the next page (null on the last).</summary>
public sealed record FollowUpPage(IReadOnlyList<FollowUpCase> Cases, FollowUpCursor? Next);
