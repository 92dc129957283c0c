namespace Reintegration.Analytics.Grains.Tests;

/// <summary>Retries an assertion until it passes or the time is up; aggregates above communities are pushed asynchronously.</summary>
internal static class Eventually
{
    public static async Task<TimeSpan> Holds(Func<Task> assertion, TimeSpan? timeout = null)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(5);
        while (true)
        {
            try
            {
                await assertion();
                return started.Elapsed;
            }
            catch (Exception) when (started.Elapsed < limit)
            {
                await Task.Delay(20);
            }
        }
    }
}
