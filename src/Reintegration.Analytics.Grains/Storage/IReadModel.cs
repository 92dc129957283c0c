using Reintegration.Analytics.Domain.Aggregation;

namespace Reintegration.Analytics.Grains.Storage;

/// <summary>
/// The relational read model (SPEC §3.3): current community and country indicators as rows for
/// Grafana and analysts' SQL. Written behind (within seconds), never on a write's critical path.
/// </summary>
public interface IReadModel
{
    void Publish(CommunityAggregateDocument community);
    void Publish(CountryAggregateDocument country);
}
