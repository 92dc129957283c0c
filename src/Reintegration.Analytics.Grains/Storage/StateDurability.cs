namespace Reintegration.Analytics.Grains.Storage;

/// <summary>
/// Grains change memory first and then make the change durable (a returnee's journal append, an
/// aggregate's state save). If that fails, memory is ahead of the store: answering "unchanged" to the
/// client's retry would acknowledge what was never saved, and a checkpoint would save what was never
/// acknowledged. So the activation refuses its writes from then on and is dropped; the next
/// activation starts from the store.
/// </summary>
internal sealed class StateDurability
{
    public bool AheadOfStore { get; private set; }

    /// <param name="save">the write that makes the in-memory change durable</param>
    /// <param name="deactivateOnIdle">the grain's <c>DeactivateOnIdle</c></param>
    /// <param name="undo">
    /// reverts the in-memory change, where that is simple, so that nothing the activation still
    /// reports or serves before it is dropped shows what was never saved
    /// </param>
    public async Task SaveAsync(Func<Task> save, Action deactivateOnIdle, Action? undo = null)
    {
        try
        {
            await save();
        }
        catch
        {
            AheadOfStore = true;
            undo?.Invoke();
            deactivateOnIdle();
            throw;
        }
    }

    /// <summary>Memory got ahead of the store without a save being tried (a change failed half-way through being staged).</summary>
    public void Abandon(Action deactivateOnIdle)
    {
        AheadOfStore = true;
        deactivateOnIdle();
    }

    /// <summary>Calls queued behind a refused write must not build on it.</summary>
    public void ThrowIfAheadOfStore()
    {
        if (AheadOfStore) throw new StorageUnavailableException("an earlier change here could not be made durable; retry");
    }
}
