using Orleans;
using Reintegration.Analytics.Domain.Returnees;

namespace Reintegration.Analytics.Grains.Returnees;

/// <summary>
/// The stored state of a returnee grain: the case itself (source of truth) and where its latest
/// contribution was delivered. The pair is an outbox: when <see cref="DeliveredVersion"/> lags the
/// case version, the contribution is re-sent (idempotently) on the next activation or write.
/// </summary>
[GenerateSerializer, Alias("ReturneeRecord")]
public sealed class ReturneeRecord
{
    [Id(0)] public ReturneeState Case { get; set; } = new();

    /// <summary>The community currently holding this case's contribution, if any.</summary>
    [Id(1)] public string? DeliveredTo { get; set; }

    [Id(2)] public long DeliveredVersion { get; set; }
}
