using System.Text.RegularExpressions;
using Reintegration.Analytics.Domain.Access;
using Reintegration.Analytics.Host.Tests.Monitoring;

namespace Reintegration.Analytics.Host.Tests.Access;

/// <summary>The shipped stack's trial keys agree: what Prometheus sends and what the silos accept, as .env.example says.</summary>
public class DeploymentKeysTests
{
    private static string Read(params string[] path) => File.ReadAllText(Path.Combine([MonitoringFixture.RepositoryRoot, .. path]));

    private static string ComposeDefault(string variable) =>
        Regex.Match(Read("docker-compose.yml"), $@"\$\{{{variable}:-([0-9a-f]{{64}})\}}").Groups[1].Value;

    [Fact]
    public void Prometheus_sends_the_metrics_key_whose_hash_the_silos_are_configured_with()
    {
        var key = Read("grafana", "prometheus", "metrics-key").Trim();
        Assert.Equal(ApiKeyText.Hash(key), ComposeDefault("METRICS_KEY_SHA256"));
        Assert.Contains("credentials_file: metrics-key", Read("grafana", "prometheus", "prometheus.yml"));
        Assert.Contains($"\"{key}\"", Read(".env.example"));
        Assert.Contains($"METRICS_KEY_SHA256={ApiKeyText.Hash(key)}", Read(".env.example"));
    }

    [Fact]
    public void The_trial_admin_key_of_env_example_is_the_one_the_silos_accept()
    {
        var key = Regex.Match(Read(".env.example"), "\"(trial-admin-key[^\"]*)\"").Groups[1].Value;
        Assert.Equal(ApiKeyText.Hash(key), ComposeDefault("ADMIN_KEY_SHA256"));
        Assert.Contains($"ADMIN_KEY_SHA256={ApiKeyText.Hash(key)}", Read(".env.example"));
    }
}
