using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Features.Identity;

namespace Scrm.Tests.Identity;

/// <summary>
/// The cookie's security-stamp check builds Identity's validator (and with it a database context) only when it is due:
/// a page's live connection is one long request and held that context for as long as the page was open (issue 6).
/// </summary>
public sealed class SecurityStampCheckTests
{
    private sealed class CountingValidator : ISecurityStampValidator
    {
        public int Calls;

        public Task ValidateAsync(CookieValidatePrincipalContext context)
        {
            Calls++;
            return Task.CompletedTask;
        }
    }

    private static (CookieValidatePrincipalContext Context, CountingValidator Validator, ServiceProvider Services) Request(TimeSpan issuedAgo)
    {
        var validator = new CountingValidator();
        var services = new ServiceCollection().AddOptions()
            .Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(30))
            .AddSingleton<ISecurityStampValidator>(validator).BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        var properties = new AuthenticationProperties { IssuedUtc = DateTimeOffset.UtcNow - issuedAgo };
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity("Identity.Application")), properties, "Identity.Application");
        var scheme = new AuthenticationScheme("Identity.Application", null, typeof(CookieAuthenticationHandler));
        return (new CookieValidatePrincipalContext(http, scheme, new CookieAuthenticationOptions(), ticket), validator, services);
    }

    [Fact]
    public async Task ACookieIssuedWithinTheIntervalIsNotValidatedAndBuildsNoValidator()
    {
        var (context, validator, services) = Request(TimeSpan.FromMinutes(5));
        using var _ = services;

        await SecurityStampCheck.ValidatePrincipalAsync(context);

        validator.Calls.ShouldBe(0);
        context.Principal.ShouldNotBeNull("the sign-in stands");
    }

    [Fact]
    public async Task ACookieOlderThanTheIntervalIsValidatedAsIdentityWould()
    {
        var (context, validator, services) = Request(TimeSpan.FromMinutes(31));
        using var _ = services;

        await SecurityStampCheck.ValidatePrincipalAsync(context);

        validator.Calls.ShouldBe(1);
    }

    [Fact]
    public void TheAppsSignInCookieUsesTheCheck()
    {
        using var services = new ServiceCollection().AddLogging().AddScrmIdentity(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build())
            .BuildServiceProvider();

        var cookie = services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);

        cookie.Events.OnValidatePrincipal.ShouldBe(SecurityStampCheck.ValidatePrincipalAsync);
    }
}
