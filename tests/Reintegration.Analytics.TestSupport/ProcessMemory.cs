namespace Reintegration.Analytics.TestSupport;

/// <summary>
/// Resident memory of another process from Linux's <c>/proc</c>: the current size and the peak since the last reset
/// (writing 5 to <c>clear_refs</c> resets the peak, so one operation's peak can be measured on its own).
/// </summary>
public static class ProcessMemory
{
    public static void ResetPeak(int pid) => File.WriteAllText($"/proc/{pid}/clear_refs", "5");

    public static double PeakMiB(int pid) => StatusMiB(pid, "VmHWM:");

    public static double CurrentMiB(int pid) => StatusMiB(pid, "VmRSS:");

    private static double StatusMiB(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0]) / 1024.0;
    }
}
