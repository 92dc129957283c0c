using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Reintegration.Analytics.Domain.Access;
using Reintegration.Analytics.Domain.Reference;

namespace Reintegration.Analytics.Host.Auth;

/// <summary>
/// Who may connect (SPEC §4): configured API keys and JWT bearer tokens. With neither configured the service runs only on
/// loopback, with a fresh development admin key it prints at start; it refuses to listen on the network without credentials.
/// </summary>
public static class AuthenticationSetup
{
    public const string Scheme = "Credentials";
    public const int MinimumSigningKeyBytes = 32;

    /// <summary>Callers authenticated by a bearer token are named by their <c>sub</c> claim after this prefix.</summary>
    public const string TokenPrefix = "jwt:";

    /// <summary>Registers authentication. Returns the development key to print, or throws with what to configure.</summary>
    public static string? AddApiAuthentication(this WebApplicationBuilder builder, RegionMap regions)
    {
        var options = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        string? developmentKey = null;
        if (!options.AnyCredentialConfigured)
        {
            var exposed = ListenAddresses.Of(builder).Where(a => !ListenAddresses.IsLoopback(a)).ToList();
            if (exposed.Count > 0)
                throw new InvalidOperationException(
                    $"Refusing to listen on {string.Join(", ", exposed)} without credentials: anyone on the network could read every " +
                    "country. Configure an API key (run 'reintegration keys create --name NAME --role admin' and set the " +
                    "Auth__ApiKeys__NAME__Sha256 and Auth__ApiKeys__NAME__Role lines it prints) or JWT (Auth:Jwt), or listen on " +
                    "loopback only (--urls http://127.0.0.1:5080), where a development key is made.");
            developmentKey = ApiKeyText.NewKey();
        }
        builder.Services.AddSingleton(new ApiKeys(options.ApiKeys, regions, developmentKey));

        var jwt = options.Jwt;
        var authentication = builder.Services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key or bearer token", o => o.ForwardDefaultSelector = http =>
                jwt.IsConfigured && ApiKeyHandler.PresentedKey(http.Request) is null && ApiKeyHandler.BearerValue(http.Request) is not null
                    ? JwtBearerDefaults.AuthenticationScheme
                    : ApiKeyHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null);
        if (jwt.IsConfigured) AddJwt(authentication, jwt, regions);
        return developmentKey;
    }

    private static void AddJwt(AuthenticationBuilder authentication, JwtOptions jwt, RegionMap regions)
    {
        var secret = Encoding.UTF8.GetBytes(jwt.SigningKey!);
        if (secret.Length < MinimumSigningKeyBytes)
            throw new InvalidOperationException(
                $"Auth:Jwt:SigningKey must be at least {MinimumSigningKeyBytes} bytes (it has {secret.Length})");
        if (string.IsNullOrWhiteSpace(jwt.Issuer) || string.IsNullOrWhiteSpace(jwt.Audience))
            throw new InvalidOperationException("Auth:Jwt needs Issuer and Audience besides SigningKey: tokens are checked against both");

        authentication.AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, o =>
        {
            o.MapInboundClaims = false; // keep "role", "scope" and "sub" as they are written
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = jwt.Issuer,
                ValidAudience = jwt.Audience,
                IssuerSigningKey = new SymmetricSecurityKey(secret),
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                NameClaimType = CallerClaims.Name,
                RoleClaimType = CallerClaims.Role,
            };
            o.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    var (caller, error) = CallerClaims.FromPrincipal(context.Principal!, regions);
                    if (caller is null) context.Fail($"the token's claims are not valid: {error}");
                    // Named "jwt:{sub}" so that a token never shares an API key's name in the audit log or its rate limit.
                    else
                    {
                        var named = caller with { Name = TokenPrefix + caller.Name };
                        context.Principal = CallerClaims.ToPrincipal(named, context.Scheme.Name);
                        CallerClaims.Remember(context.HttpContext, named);
                    }
                    return Task.CompletedTask;
                },
            };
        });
    }
}
