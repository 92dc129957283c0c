using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Reintegration.Analytics.Benchmarks;

/// <summary>
/// Case lists at scale (<c>--scenario followup</c>): one country with many returnees whose return dates
/// spread over the last 900 days, so about a fifth of them are overdue. Measures the first page of the
/// overdue list and paging through all of it, against the country's aggregate read in the same run.
/// </summary>
internal static class FollowUpBenchmark
{
    private const string Country = "NGA";

    public static async Task RunAsync(HttpClient http, int returnees, int communities)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Console.WriteLine($"Registering {returnees:N0} returnees in {communities} communities of {Country}...");
        var clock = Stopwatch.StartNew();
        using (var response = await http.PostAsync("/api/v1/ingest",
                   new ByteArrayContent(BenchmarkData.Registrations(
                       "fu", Country, communities, returnees, r => today.AddDays(-(r * 7919 % 900))))))
            response.EnsureSuccessStatusCode();
        Console.WriteLine($"registered in {clock.Elapsed.TotalSeconds:F1} s");

        // Acknowledged writes reach the country within a few push delays.
        var country = await http.GetFromJsonAsync<JsonElement>($"/api/v1/countries/{Country}");
        while (country.GetProperty("returnees").GetInt64() < returnees)
        {
            await Task.Delay(100);
            country = await http.GetFromJsonAsync<JsonElement>($"/api/v1/countries/{Country}");
        }
        var overdue = country.GetProperty("followUp").GetProperty("overdue").GetInt64();

        var countryRead = await Timing.MillisecondsAsync(() => http.GetFromJsonAsync<JsonElement>($"/api/v1/countries/{Country}"));
        var firstPage = await Timing.MillisecondsAsync(
            () => http.GetFromJsonAsync<JsonElement>($"/api/v1/countries/{Country}/followup?status=overdue"));

        var listed = 0L;
        var pages = 0;
        clock.Restart();
        string? cursor = null;
        do
        {
            var page = await http.GetFromJsonAsync<JsonElement>(
                $"/api/v1/countries/{Country}/followup?status=overdue&limit=1000" + (cursor is null ? "" : $"&cursor={cursor}"));
            listed += page.GetProperty("cases").GetArrayLength();
            pages++;
            cursor = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        } while (cursor is not null);
        var all = clock.Elapsed.TotalMilliseconds;
        if (listed != overdue) throw new InvalidOperationException($"the lists hold {listed} overdue cases, the country counts {overdue}");

        Console.WriteLine();
        Console.WriteLine($"{returnees:N0} returnees, {overdue:N0} overdue; medians of {Timing.Requests} requests");
        Console.WriteLine($"{"measurement",-52} {"median",10} {"vs baseline",12}");
        var baseline = Timing.Median(countryRead);
        Timing.PrintRow($"GET /countries/{Country} (baseline)", baseline, baseline);
        Timing.PrintRow("first page of overdue cases (100)", Timing.Median(firstPage), baseline);
        Timing.PrintRow($"all {overdue:N0} overdue cases, {pages} pages of 1,000", all, baseline);
    }
}
