using Npgsql;

namespace Reintegration.Analytics.Persistence.Tests;

public sealed class StorageOptionsTests
{
    [Fact]
    public void A_postgres_connection_without_a_pool_size_gets_the_service_default()
    {
        var options = StorageOptions.Postgres("Host=db;Database=reintegration;Username=app;Password=secret");

        var connection = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        Assert.Equal(StorageOptions.DefaultMaximumPoolSize, connection.MaxPoolSize);
        Assert.Equal("secret", connection.Password);
        Assert.Equal("reintegration", connection.Database);
    }

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=7")]
    [InlineData("Host=db;MaxPoolSize=7")]
    [InlineData("Host=db;maximum pool size=7")]
    public void A_pool_size_in_the_connection_string_wins(string connectionString)
    {
        var options = StorageOptions.Postgres(connectionString);

        Assert.Equal(7, new NpgsqlConnectionStringBuilder(options.ConnectionString).MaxPoolSize);
    }

    [Fact]
    public void The_description_for_logs_hides_the_password()
    {
        var options = StorageOptions.Postgres("Host=db;Database=reintegration;Username=app;Password=secret");

        Assert.DoesNotContain("secret", options.Describe());
    }
}
