using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Serialization.Codecs;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Reintegration.Analytics.Persistence.Tests.Infrastructure;

namespace Reintegration.Analytics.Persistence.Tests;

/// <summary>
/// Grain state is stored with Orleans' binary serializer (StorageRegistration: OrleansGrainStorageSerializer).
/// Adding an [Id(n)] member later must leave older rows readable: the new member reads as its default.
/// </summary>
public sealed class StateVersioningTests
{
    [Fact]
    public void The_code_generator_ran_for_this_test_assembly()
    {
        var generated = typeof(StateV1).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("OrleansCodeGen", StringComparison.Ordinal) == true)
            .Select(t => t.Name)
            .ToList();
        Assert.Contains(generated, name => name.Contains("Codec_StateV1", StringComparison.Ordinal));
        Assert.Contains(generated, name => name.Contains("Codec_StateV2", StringComparison.Ordinal));

        var codecs = Serialization.Services.GetRequiredService<ICodecProvider>();
        Assert.StartsWith("OrleansCodeGen", codecs.GetCodec<StateV1>().GetType().Namespace);
        Assert.StartsWith("OrleansCodeGen", codecs.GetCodec<StateV2>().GetType().Namespace);
    }

    [Fact]
    public void A_row_written_by_the_old_class_reads_into_the_new_one_with_the_added_member_at_its_default()
    {
        var serializer = Serialization.Serializer;
        var bytes = serializer.SerializeToArray(new StateV1 { A = 42 });

        var read = serializer.Deserialize<StateV2>(bytes)!;

        Assert.Equal(42, read.A);
        Assert.Null(read.B);
    }

    [Fact]
    public void A_row_written_by_the_new_class_reads_into_the_old_one_ignoring_the_unknown_member()
    {
        var serializer = Serialization.Serializer;
        var bytes = serializer.SerializeToArray(new StateV2 { A = 7, B = "added later" });

        Assert.Equal(7, serializer.Deserialize<StateV1>(bytes)!.A);
        var back = serializer.Deserialize<StateV2>(bytes)!;
        Assert.Equal((7, "added later"), (back.A, back.B));
    }

    [Fact]
    public void The_grain_storage_serializer_the_service_configures_is_version_tolerant_too()
    {
        var storage = new OrleansGrainStorageSerializer(Serialization.Serializer);

        var read = storage.Deserialize<StateV2>(storage.Serialize(new StateV1 { A = -5 }))!;

        Assert.Equal(-5, read.A);
        Assert.Null(read.B);
    }
}

[GenerateSerializer]
public sealed class StateV1
{
    [Id(0)] public int A { get; set; }
}

[GenerateSerializer]
public sealed class StateV2
{
    [Id(0)] public int A { get; set; }
    [Id(1)] public string? B { get; set; }
}
