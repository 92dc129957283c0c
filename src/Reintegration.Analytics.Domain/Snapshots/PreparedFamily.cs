namespace Reintegration.Analytics.Domain.Snapshots;

/// <summary>
/// A country's family protected bottom up outside a protection of the programme (<see cref="ProtectedProgramme.Prepare"/>),
/// for the next protection with the same memo to take instead of protecting the family itself
/// (<see cref="ProtectionMemo.Offer"/>). The live table prepares its countries' families beside its builds, so that a
/// build (regions, the globe, and families taken ready) stays short while a large country's family takes seconds.
/// </summary>
public sealed class PreparedFamily
{
    internal PreparedFamily(SnapshotCountry country, string key, DateOnly day, int minimumCellSize,
        ProtectionMemo.FamilyDecision decision) =>
        (Country, Key, Day, MinimumCellSize, Decision) = (country, key, day, minimumCellSize, decision);

    /// <summary>The country as read: a protection takes the family only for these very reports.</summary>
    public SnapshotCountry Country { get; }

    internal string Key { get; }
    internal DateOnly Day { get; }
    internal int MinimumCellSize { get; }
    internal ProtectionMemo.FamilyDecision Decision { get; }
}
