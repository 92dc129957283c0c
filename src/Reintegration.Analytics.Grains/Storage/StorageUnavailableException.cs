namespace Reintegration.Analytics.Grains.Storage;

/// <summary>The store could not make a write durable; the write was not acknowledged and may be retried.</summary>
[Orleans.GenerateSerializer, Orleans.Alias("StorageUnavailableException")]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException(string message, Exception? inner = null) : base(message, inner) { }
}
