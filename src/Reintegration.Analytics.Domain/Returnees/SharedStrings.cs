using System.Collections.Concurrent;

namespace Reintegration.Analytics.Domain.Returnees;

/// <summary>
/// One instance of each vocabulary word, country code and community id that communities hold a million times over (see
/// <see cref="ReturneeContribution.WithSharedStrings"/>). A pool of its own rather than <see cref="string.Intern"/>, whose
/// global table took 5 % of the host's time during a 1,000,000-returnee import. Like that table it is never emptied: it
/// holds the vocabulary, the country codes and every community id the silo has seen; and, the same way, one array of each
/// list of them that contributions hold (vulnerabilities, plan statuses, assistance types: a few hundred combinations
/// shared by a million returnees).
/// </summary>
internal static class SharedStrings
{
    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<IReadOnlyList<string>, IReadOnlyList<string>> Lists = new(SameWords.Instance);

    public static string Of(string value) => Pool.GetOrAdd(value, value);

    /// <summary>One shared array with the same words in the same order (looked up without copying the list).</summary>
    public static IReadOnlyList<string> Of(IReadOnlyList<string> values)
    {
        if (values.Count == 0) return [];
        if (Lists.TryGetValue(values, out var shared)) return shared;
        // The pool keeps the shared copy as its own key, not the caller's list.
        shared = values.Select(Of).ToArray();
        return Lists.GetOrAdd(shared, shared);
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
