using System.Text;
using Orleans;

namespace Reintegration.Analytics.Domain.FollowUp;

/// <summary>
/// A place in a follow-up case list, which is ordered by window end (most urgent first), then case id.
/// Keyset paging: a page starts after the cursor, so cases that change status between pages are
/// neither repeated nor skipped among those that keep it. On the wire it is an opaque base64url text.
/// </summary>
[GenerateSerializer, Immutable, Alias("FollowUpCursor")]
public sealed record FollowUpCursor([property: Id(0)] DateOnly WindowCloses, [property: Id(1)] string CaseId) : IComparable<FollowUpCursor>
{
    public int CompareTo(FollowUpCursor? other) =>
        other is null ? 1
        : WindowCloses != other.WindowCloses ? WindowCloses.CompareTo(other.WindowCloses)
        : string.CompareOrdinal(CaseId, other.CaseId);

    public string Encode() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{WindowCloses:yyyy-MM-dd}|{CaseId}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static FollowUpCursor? Decode(string text)
    {
        try
        {
            var base64 = text.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split('|');
            return parts.Length == 2 && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", out var closes)
                && Validation.Identifiers.IsCaseId(parts[1])
                ? new FollowUpCursor(closes, parts[1])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
