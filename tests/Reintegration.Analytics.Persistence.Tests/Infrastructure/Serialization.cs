using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Reintegration.Analytics.Persistence.Tests.Infrastructure;

/// <summary>Orleans' binary serializer outside a silo, as the journal and the grain storage serializer use it.</summary>
public static class Serialization
{
    public static IServiceProvider Services { get; } = new ServiceCollection().AddSerializer().BuildServiceProvider();

    public static Serializer Serializer => Services.GetRequiredService<Serializer>();
}
