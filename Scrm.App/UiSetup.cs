using Microsoft.AspNetCore.Localization;
using MudBlazor;
using MudBlazor.Services;

namespace Scrm.App;

public static class UiSetup
{
    /// <summary>Render batches sent and not yet acknowledged per circuit before the renderer waits (Blazor's default: 10).</summary>
    public const int MaxUnacknowledgedRenderBatches = 3;

    public static IServiceCollection AddScrmUi(this IServiceCollection services)
    {
        // Users never see exception details, in any environment; the log has them.
        services.AddRazorComponents().AddInteractiveServerComponents(o =>
        {
            o.DetailedErrors = false;
            // Render batches the browser has not yet acknowledged stay in the circuit, each with its serialised bytes
            // (pooled buffers). With the default of 10, a page behind on its acknowledgements (a busy or background
            // tab while toasts and live changes stream in) held ~25 batch buffers in the heap snapshots; past this
            // many the renderer waits and the next batch carries every change since (issue 6, ADR 0038).
            o.MaxBufferedUnacknowledgedRenderBatches = MaxUnacknowledgedRenderBatches;
        });
        services.AddScoped<Components.Shared.ErrorMessages>();
        services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            o.SnackbarConfiguration.VisibleStateDuration = 6000;
        });
        // MudBlazor's own texts (pager, "Required") in the user's language, from strings.tsv.
        services.AddTransient<MudLocalizer, Components.Shared.ScrmMudLocalizer>();
        return services;
    }

    public static WebApplication UseScrmPipeline(this WebApplication app)
    {
        app.UseExceptionHandler("/Error", createScopeForErrors: true);
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapScrmUi(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
        // The language switch: a cookie read at the next request (and so by the next circuit).
        app.MapGet("/culture/set", (HttpContext http, string culture, string? redirectUri) =>
        {
            if (!Platform.Cultures.Contains(culture)) culture = Platform.DefaultCulture;
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect("~/" + (redirectUri ?? "").TrimStart('/'));
        }).ExcludeFromDescription();
        return app;
    }
}
