using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Scrm.App.Features.Identity;

/// <summary>
/// The sign-in cookie's security-stamp check, resolved only when it is due. Identity's own hook resolves its validator
/// on every signed-in request, and the validator is built on SignInManager → UserManager → the user store → a scoped
/// ScrmDbContext, so every request rented a pooled context for its whole length, even when the check then did nothing
/// (it runs once per <see cref="SecurityStampValidatorOptions.ValidationInterval"/>). A page's live connection is one
/// request that lasts as long as the page is open: each open page held a context, its EF service scope and its change
/// tracker (issue 6, server memory per open page). Same rule, same interval, same validator when due.
/// </summary>
public static class SecurityStampCheck
{
    public static Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        // The validator's own test: no issue time, or older than the interval.
        if (context.Properties.IssuedUtc is { } issued && now - issued <= options.ValidationInterval) return Task.CompletedTask;
        return SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
