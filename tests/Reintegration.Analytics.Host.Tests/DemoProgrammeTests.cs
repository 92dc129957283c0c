using Reintegration.Analytics.Host.Demo;
using Reintegration.Analytics.Host.Tests.Infrastructure;

namespace Reintegration.Analytics.Host.Tests;

/// <summary>
/// The demo programme is what a new user sees first: every line must be accepted. It writes the demo's
/// countries, so it runs on a host of its own rather than the shared one.
/// </summary>
public sealed class DemoProgrammeTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Every_line_of_the_demo_programme_is_accepted()
    {
        var lines = DemoProgramme.Lines(Days.Today).ToArray();
        var report = (await factory.Api.Ingest(lines)).Json;
        Assert.True(report["rejected"]!.GetValue<long>() == 0, report.ToJsonString());
        Assert.Equal(lines.Length, report["accepted"]!.GetValue<long>());
    }
}
