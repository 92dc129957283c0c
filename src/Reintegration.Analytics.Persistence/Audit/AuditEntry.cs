namespace Reintegration.Analytics.Persistence.Audit;

/// <summary>
/// One row of the audit log: when, who (the key's or token's name and role), what (an action such as <c>put.survey</c> or
/// <c>snapshot.download</c> and the ids it was about), the outcome (the HTTP status answered) and, for batches, the counts.
/// <see cref="Id"/> is assigned by the database (0 before).
/// </summary>
public sealed record AuditEntry(
    long Id, DateTimeOffset At, string Caller, string Role, string Action, string Target, int Outcome, string? Details);

/// <summary>A page of the audit log: entries after <see cref="AfterId"/>, filtered by time and caller name.</summary>
public sealed record AuditQuery(DateTimeOffset? From, DateTimeOffset? To, string? Caller, long AfterId, int Limit);
