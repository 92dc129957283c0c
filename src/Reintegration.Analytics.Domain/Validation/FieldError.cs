using Orleans;

namespace Reintegration.Analytics.Domain.Validation;

/// <summary>One problem with one input field; <see cref="Field"/> is a JSON path such as <c>answers.employed</c>.</summary>
[GenerateSerializer, Immutable, Alias("FieldError")]
public sealed record FieldError([property: Id(0)] string Field, [property: Id(1)] string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
