using System.Text.Json.Serialization;
using Reintegration.Analytics.Grains.Aggregation;
using Reintegration.Analytics.Grains.Storage;
using Reintegration.Analytics.Domain.Access;
using Reintegration.Analytics.Host.Api;
using Reintegration.Analytics.Host.Audit;
using Reintegration.Analytics.Host.Auth;
using Reintegration.Analytics.Host.Configuration;
using Reintegration.Analytics.Host.Demo;
using Prometheus;
using Reintegration.Analytics.Host.Ingest;
using Reintegration.Analytics.Host.Metrics;
using Reintegration.Analytics.Host.Parsing;
using Reintegration.Analytics.Host.Runtime;
using Reintegration.Analytics.Host.Snapshots;

const string DefaultUrl = "http://127.0.0.1:5080";
var demo = args.Contains("--demo");
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    ContentRootPath = AppContext.BaseDirectory, // appsettings.json and instruments/ ship next to the executable
});
builder.Configuration.AddCommandLine(args.Where(a => a != "--demo").ToArray(), StorageSelection.CommandLineSwitches.ToDictionary());
if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]) && string.IsNullOrWhiteSpace(builder.Configuration["ASPNETCORE_URLS"]))
    builder.WebHost.UseUrls(DefaultUrl);

builder.Logging.AddConsole(o => o.FormatterName = PrivateConsoleFormatter.FormatterName)
    .AddConsoleFormatter<PrivateConsoleFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();
builder.Services.AddSingleton(InstrumentFiles.Load(builder.Configuration));
var regions = RegionMapFile.Load(builder.Configuration);
builder.Services.AddSingleton(regions);
string? developmentKey;
try
{
    // Settings that cannot work stop the start with what is wrong, rather than fail later in a timer.
    if (builder.Configuration.GetSection(AggregationOptions.Section).Get<AggregationOptions>()?.Problem() is { } problem)
        throw new InvalidOperationException(problem);
    developmentKey = builder.AddApiAuthentication(regions);
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
builder.AddRequestLimits();
builder.Services.Configure<MetricsOptions>(builder.Configuration.GetSection(MetricsOptions.Section));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.Configure<ApiOptions>(builder.Configuration.GetSection(ApiOptions.Section));
builder.Services.Configure<DisclosureOptions>(builder.Configuration.GetSection(ApiOptions.Section)); // the same minimum cell size
builder.Services.Configure<AggregationOptions>(builder.Configuration.GetSection(AggregationOptions.Section));
builder.Services.AddSingleton<RecordParser>();
builder.Services.AddSingleton<RecordApplier>();
builder.Services.AddSingleton<IngestProcessor>();
builder.Services.AddSingleton<AggregateReader>();
builder.Services.AddSingleton<ServiceMetrics>();
builder.Services.AddSingleton<IngestMetrics>();
builder.Services.AddSingleton<BusinessMetrics>();
builder.Services.AddSingleton<FreshnessMetrics>();
builder.Services.AddAggregation();
builder.Services.AddHostedService<ReadModelRefresher>();
builder.Services.Configure<MemoryOptions>(builder.Configuration.GetSection(MemoryOptions.Section));
builder.Services.AddHostedService<MemoryRelease>();
builder.Services.Configure<SnapshotOptions>(builder.Configuration.GetSection(SnapshotOptions.Section));
builder.Services.AddSingleton<SnapshotSourceReader>();
builder.Services.AddSingleton<SnapshotBuilder>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<SnapshotBuilder>());
if (demo || builder.Configuration.GetValue<bool>("Demo")) builder.Services.AddHostedService<DemoSeeder>();

builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<TransientFailureHandler>();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
builder.UseOrleans(silo => SiloConfiguration.Configure(silo, builder.Configuration, StorageSelection.From(builder.Configuration)));

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRouting();
app.UseAuthentication();
app.UseRequestLimits();
app.UseMiddleware<AuditTrail>();
app.UseMiddleware<AccessControl>();

var metrics = app.Services.GetRequiredService<ServiceMetrics>();
app.Services.GetRequiredService<BusinessMetrics>(); // these register their refresh before the first scrape
app.Services.GetRequiredService<FreshnessMetrics>();
app.UseHttpMetrics(o => o.SetMetricFactory(metrics.Factory));

app.MapHealthEndpoints();
app.MapMetrics("/metrics", metrics.Registry).RequireAccess(Permission.Scrape);

var api = app.MapGroup("/api/v1");
api.MapWriteEndpoints();
api.MapIngestEndpoint();
api.MapReadEndpoints();
api.MapFollowUpEndpoints();
api.MapIndicatorEndpoints();
api.MapSnapshotEndpoints();
api.MapAuditEndpoints();
EndpointAccess.EnsureEveryEndpointHasARule(app);

if (developmentKey is not null)
    app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine($"Development API key: {developmentKey}"));
app.Run();
return 0;

/// <summary>Entry point; public so the API tests can host it.</summary>
public partial class Program;
