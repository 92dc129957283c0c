using Reintegration.Analytics.Domain.Returnees;

namespace Reintegration.Analytics.Grains.Storage;

/// <summary>
/// The durable record of every change to every returnee, written with group commit. One entry
/// also stores the case's new contribution as its community membership row, in the same
/// transaction, so a community can always be rebuilt from what is durable.
/// </summary>
public interface IReturneeJournal
{
    /// <summary>
    /// Completes once the entries (one case's consecutive versions) are durable, in one transaction. Throws
    /// <see cref="JournalConflictException"/> if one of those versions is already journaled; then none of them is.
    /// </summary>
    Task AppendAsync(IReadOnlyList<JournalEntry> entries);

    /// <summary>The changes of a case after <paramref name="version"/>, in version order.</summary>
    Task<IReadOnlyList<ReturneeChange>> ReadAfterAsync(string caseId, long version);
}

/// <summary>A returnee change at <see cref="Version"/> (the case's version after applying it) and the contribution it leads to.</summary>
public sealed record JournalEntry(string CaseId, long Version, ReturneeChange Change, ReturneeContribution Contribution);

/// <summary>
/// Another activation journaled this version first; the grain's memory is behind the store. The message leaves the case
/// out, since it may reach logs above debug level; <see cref="CaseId"/> has it.
/// </summary>
public sealed class JournalConflictException(string caseId, long version)
    : Exception($"This returnee's version {version} was already journaled by another activation")
{
    public string CaseId { get; } = caseId;
}
