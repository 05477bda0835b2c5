using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Scrm.App.Data;

namespace Scrm.App.Features.Identity;

public sealed class ApiKeyOptions : AuthenticationSchemeOptions;

/// <summary>Authenticates X-Api-Key: the key's role and region become the caller's claims.</summary>
public sealed class ApiKeyHandler(IOptionsMonitor<ApiKeyOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys)
    : AuthenticationHandler<ApiKeyOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
            return AuthenticateResult.NoResult();
        var key = await keys.FindActiveAsync(values.ToString().Trim(), Context.RequestAborted);
        if (key is null) return AuthenticateResult.Fail("Unknown, revoked or expired API key.");
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, $"apikey:{key.Id}"),
            new(ClaimTypes.Name, key.Name),
            new(AccessScope.DisplayNameClaim, $"API · {key.Name}"),
            new(ClaimTypes.Role, key.Role),
            new(AccessScope.RegionClaim, key.Region),
        };
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>401 with the same problem body as every other API error; the code tells a missing key from a bad one.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = SchemeName;
        var (code, detail) = result.Failure is null
            ? ("Auth.ApiKeyRequired", $"Send an API key in the {Header} header.")
            : ("Auth.ApiKeyInvalid", $"The API key in the {Header} header is unknown, revoked or expired.");
        await TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "An API key is needed.", detail: detail,
            extensions: new Dictionary<string, object?> { ["code"] = code }).ExecuteAsync(Context);
    }

    /// <summary>403 for a key whose role may not use the endpoint (e.g. a Warehouse key on /tickets), as a problem too.</summary>
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed.",
            detail: "This API key's role may not use this endpoint.",
            extensions: new Dictionary<string, object?> { ["code"] = "Auth.RoleNotAllowed" }).ExecuteAsync(Context);
}
