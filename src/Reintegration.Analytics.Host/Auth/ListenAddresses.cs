using System.Net;

namespace Reintegration.Analytics.Host.Auth;

/// <summary>The addresses the service is configured to listen on (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, Kestrel endpoints).</summary>
public static class ListenAddresses
{
    public static IReadOnlyList<string> Of(WebApplicationBuilder builder)
    {
        var addresses = (builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey) ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (addresses.Count == 0) // then Kestrel binds HTTP_PORTS / HTTPS_PORTS on every interface
            foreach (var setting in (string[])[WebHostDefaults.HttpPortsKey, WebHostDefaults.HttpsPortsKey])
                addresses.AddRange((builder.WebHost.GetSetting(setting) ?? "")
                    .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"http://*:{p}"));
        addresses.AddRange(builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(e => e["Url"]).OfType<string>());
        return addresses;
    }

    /// <summary>
    /// True for <c>localhost</c>, 127.0.0.0/8 and ::1; false for wildcards (<c>*</c>, <c>+</c>, 0.0.0.0) and anything else.
    /// </summary>
    public static bool IsLoopback(string address)
    {
        var normalized = address.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0");
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri)) return false;
        return uri.Host == "localhost" || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
