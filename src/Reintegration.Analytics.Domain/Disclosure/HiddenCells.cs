using Orleans;

namespace Reintegration.Analytics.Domain.Disclosure;

/// <summary>
/// The cells of one unit that protection hid, by figure and group (see <c>UnitCells</c>): what a grain hands out with its
/// report, so that every output of the unit renders the same decision without protecting it again. A figure not listed is
/// shown; so is zero.
/// </summary>
[GenerateSerializer, Immutable, Alias("HiddenCells")]
public sealed record HiddenCells([property: Id(0)] HashSet<(string Figure, string Group)> Cells)
{
    /// <summary>Nothing hidden (k = 1: every figure is shown).</summary>
    public static readonly HiddenCells None = new([]);

    public bool Contains(string figure, string group) => Cells.Contains((figure, group));
}
