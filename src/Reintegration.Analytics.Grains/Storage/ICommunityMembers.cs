using Reintegration.Analytics.Domain.Returnees;

namespace Reintegration.Analytics.Grains.Storage;

/// <summary>The latest durable contribution of each returnee, by community (kept by <see cref="IReturneeJournal"/>).</summary>
public interface ICommunityMembers
{
    Task<IReadOnlyList<ReturneeContribution>> LoadAsync(string communityId);
}
