namespace Reintegration.Analytics.Benchmarks;

/// <summary><c>--scenario generate</c>: the generated programme as an NDJSON file, for profiling or a manual import.</summary>
internal static class ProgrammeFile
{
    public static async Task<int> WriteAsync(string path, int countries, int communities, int returnees)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var count = 0;
        await using (var writer = new StreamWriter(path))
        {
            foreach (var line in new ProgrammeGenerator(countries, communities, returnees, seed: 2026, today).Lines())
            {
                await writer.WriteAsync(line);
                await writer.WriteAsync('\n');
                count++;
            }
        }
        Console.WriteLine($"{count:N0} records written to {path}");
        return 0;
    }
}
