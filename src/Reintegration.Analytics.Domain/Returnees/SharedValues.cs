using System.Collections.Concurrent;

namespace Reintegration.Analytics.Domain.Returnees;

/// <summary>
/// One instance of each value that communities hold a million times over (see <see cref="ReturneeContribution.WithSharedValues"/>):
/// vocabulary words, country codes and community ids, and lists of words (vulnerabilities, plan statuses, assistance types:
/// a few hundred combinations). A pool of its own rather than <see cref="string.Intern"/>, whose global table took 5 % of
/// the host's time during a 1,000,000-returnee import. It is never emptied. The lists it holds are capped, so that lists
/// that hardly repeat cannot make it grow with the returnees: past the cap, new lists are kept unshared. (Survey scores are
/// not shared: a generated programme of 100,000 returnees had 55,495 distinct scores among 91,325 surveyed.)
/// </summary>
internal static class SharedValues
{
    /// <summary>At most this many lists (a few MB).</summary>
    private const int Cap = 50_000;

    private static readonly ConcurrentDictionary<string, string> Strings = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<IReadOnlyList<string>, IReadOnlyList<string>> Lists = new(SameWords.Instance);

    // How many lists the pool holds, counted here: the dictionary's own count locks every bucket.
    private static int _lists;

    public static string Of(string value) => Strings.GetOrAdd(value, value);

    /// <summary>One shared array with the same words in the same order (looked up without copying the list).</summary>
    public static IReadOnlyList<string> Of(IReadOnlyList<string> values)
    {
        if (values.Count == 0) return [];
        if (Lists.TryGetValue(values, out var shared)) return shared;
        // The pool keeps the shared copy as its own key, not the caller's list.
        shared = values.Select(Of).ToArray();
        if (Volatile.Read(ref _lists) >= Cap) return shared;
        if (!Lists.TryAdd(shared, shared)) return Lists[shared];
        Interlocked.Increment(ref _lists);
        return shared;
    }

    private sealed class SameWords : IEqualityComparer<IReadOnlyList<string>>
    {
        public static readonly SameWords Instance = new();

        public bool Equals(IReadOnlyList<string>? x, IReadOnlyList<string>? y) =>
            ReferenceEquals(x, y) || x is not null && y is not null && x.SequenceEqual(y, StringComparer.Ordinal);

        public int GetHashCode(IReadOnlyList<string> words)
        {
            var hash = new HashCode();
            foreach (var word in words) hash.Add(word, StringComparer.Ordinal);
            return hash.ToHashCode();
        }
    }
}
