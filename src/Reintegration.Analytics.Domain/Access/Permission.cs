namespace Reintegration.Analytics.Domain.Access;

/// <summary>What an endpoint does, in the terms of SPEC §4's roles; <see cref="Caller.Holds"/> says who may.</summary>
public enum Permission
{
    /// <summary>Anyone, without credentials (health probes).</summary>
    Open,

    /// <summary>Reference data (the indicator codebook): every role but metrics, which reaches <c>/metrics</c> only.</summary>
    ReadReference,

    /// <summary>Aggregate reads: viewer, analyst, hq, admin.</summary>
    ReadAggregates,

    /// <summary>Case-level reads (a returnee, follow-up case lists): ingest, admin.</summary>
    ReadCases,

    /// <summary>Writes of records: ingest, admin.</summary>
    Write,

    /// <summary>Snapshots and their exports: analyst, hq, admin.</summary>
    Snapshots,

    /// <summary>The audit log and deleting snapshots: admin.</summary>
    Administer,

    /// <summary><c>/metrics</c> and operational diagnostics: metrics, admin.</summary>
    Scrape,
}
