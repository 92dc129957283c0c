namespace Reintegration.Analytics.Domain.Snapshots;

/// <summary>
/// One row of a comparison of two snapshots: a unit × indicator × group with its value in each (null when
/// suppressed, without data, or absent from that snapshot) and the change from the first to the second.
/// </summary>
public sealed record SnapshotDiffRow(
    string Level,
    string UnitCode,
    string UnitName,
    string? Country,
    string? Region,
    string Indicator,
    string Group,
    double? A,
    double? B,
    double? Change,
    bool ASuppressed,
    bool BSuppressed,
    bool InA,
    bool InB);

/// <summary>Compares two snapshots row by row in one pass over both (each in <see cref="SnapshotRowOrder"/>).</summary>
public static class SnapshotDiff
{
    public static async IAsyncEnumerable<SnapshotDiffRow> Compare(IAsyncEnumerable<SnapshotRow> first, IAsyncEnumerable<SnapshotRow> second)
    {
        await using var a = first.GetAsyncEnumerator();
        await using var b = second.GetAsyncEnumerator();
        var (hasA, hasB) = (await a.MoveNextAsync(), await b.MoveNextAsync());
        while (hasA || hasB)
        {
            var order = !hasA ? 1 : !hasB ? -1 : SnapshotRowOrder.Instance.Compare(a.Current, b.Current);
            if (order < 0)
            {
                yield return Row(a.Current, a.Current, null);
                hasA = await a.MoveNextAsync();
            }
            else if (order > 0)
            {
                yield return Row(b.Current, null, b.Current);
                hasB = await b.MoveNextAsync();
            }
            else
            {
                yield return Row(b.Current, a.Current, b.Current);
                (hasA, hasB) = (await a.MoveNextAsync(), await b.MoveNextAsync());
            }
        }
    }

    private static SnapshotDiffRow Row(SnapshotRow unit, SnapshotRow? a, SnapshotRow? b) => new(
        unit.Level, unit.UnitCode, unit.UnitName, unit.Country, unit.Region, unit.Indicator, unit.Group,
        a?.Value, b?.Value, a?.Value is { } x && b?.Value is { } y ? y - x : null,
        a?.Suppressed ?? false, b?.Suppressed ?? false, a is not null, b is not null);
}
