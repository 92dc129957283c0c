using Orleans.Runtime;
using Reintegration.Analytics.Grains.Storage;

namespace Reintegration.Analytics.Grains.Aggregation;

/// <summary>
/// A grain changes its state in memory and then saves it. If the save fails, memory is ahead of the
/// store: answering "unchanged" to the client's retry would acknowledge what was never saved. So the
/// activation refuses its writes from then on and is dropped; the next activation reads the store.
/// </summary>
internal sealed class StateDurability
{
    private bool _aheadOfStore;

    /// <param name="deactivateOnIdle">the grain's <c>DeactivateOnIdle</c></param>
    public async Task SaveAsync<T>(IPersistentState<T> state, Action deactivateOnIdle)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            _aheadOfStore = true;
            deactivateOnIdle();
            throw;
        }
    }

    public void ThrowIfAheadOfStore()
    {
        if (_aheadOfStore) throw new StorageUnavailableException("an earlier change here could not be saved; retry");
    }
}
