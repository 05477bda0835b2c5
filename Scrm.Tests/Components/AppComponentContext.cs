using System.Security.Claims;
using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Scrm.App;
using Scrm.App.Components.Shared;
using Scrm.App.Data;
using Scrm.App.Features.Tickets;
using Scrm.App.Realtime;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Components;

/// <summary>
/// Renders pages against the real services and database of the shared test host, signed in as one user,
/// with the providers a page needs around it (snackbars, dialogs, popovers).
/// </summary>
public abstract class AppComponentContext : BunitContext, IAsyncLifetime
{
    protected AppComponentContext(TestApp app)
    {
        App = app;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
        Services.AddSingleton(app.Get<TicketService>());
        Services.AddSingleton(app.Get<TicketQueries>());
        Services.AddSingleton(app.Get<BoardRows>());
        Services.AddSingleton(app.Get<Scrm.App.Features.Forms.FormTemplates>());
        Services.AddSingleton(app.Get<Scrm.App.Features.Forms.DeviceModels>());
        Services.AddSingleton(app.Get<Scrm.App.Features.Files.Attachments>());
        Services.AddSingleton(app.Get<ChangeNotifier>());
        Services.AddSingleton(app.Get<BusinessClock>());
        Services.AddSingleton(app.Get<TimeProvider>());
        Services.AddSingleton(app.Get<Scrm.App.Features.Flows.Runtime.FlowQueries>());
        Services.AddSingleton(app.Get<Scrm.App.Features.Flows.Runtime.FlowDecisions>());
        Services.AddSingleton(app.Get<Scrm.App.Features.Sla.SlaQueries>());
        Services.AddSingleton(app.Get<Scrm.App.Features.Tracking.TrackingLinks>());
        Services.AddSingleton(app.Get<Scrm.App.Features.Pricing.QuoteService>());
        Services.AddSingleton(app.Get<Scrm.App.Features.Pricing.QuoteChanges>());
        Services.AddSingleton(app.Get<Scrm.App.Features.Catalog.CatalogService>());
        Services.AddScoped<ErrorMessages>();
        Services.AddScoped<TicketMover>();
    }

    protected TestApp App { get; }

    /// <summary>Signs in as a user of <paramref name="role"/> who sees <paramref name="region"/> only, as the login's claims would say.</summary>
    protected void SignIn(string name, string role, string region)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(name);
        auth.SetRoles(role);
        auth.SetClaims(
            new Claim(ClaimTypes.NameIdentifier, "bunit-" + name),
            new Claim(AccessScope.RegionClaim, region),
            new Claim(AccessScope.DisplayNameClaim, name));
    }

    /// <summary>The page <typeparamref name="TPage"/> with a snackbar and dialog provider beside it, as the layout has.</summary>
    protected IRenderedComponent<ContainerFragment> RenderPage<TPage>(params (string Name, object? Value)[] parameters)
        where TPage : IComponent => Render(b =>
    {
        b.OpenComponent<MudPopoverProvider>(0);
        b.CloseComponent();
        b.OpenComponent<MudDialogProvider>(1);
        b.CloseComponent();
        b.OpenComponent<MudSnackbarProvider>(2);
        b.CloseComponent();
        b.OpenComponent<TPage>(3);
        foreach (var (name, value) in parameters) b.AddComponentParameter(4, name, value);
        b.CloseComponent();
    });

    /// <summary>The texts of the snackbars on screen.</summary>
    protected static IReadOnlyList<string> Snackbars(IRenderedComponent<ContainerFragment> cut) =>
        cut.FindAll(".mud-snackbar .mud-snackbar-content-message").Select(m => m.TextContent.Trim()).ToList();

    /// <summary>
    /// Presses <paramref name="first"/> and, while its write still waits at the write gate (held here until then) and the
    /// page shows <paramref name="working"/>, presses <paramref name="second"/>, as a quick person would before the
    /// server's answer to the first press reaches the browser; returns when both presses have been handled.
    /// </summary>
    protected async Task PressDuringTheWriteAsync(IRenderedComponent<ContainerFragment> cut, string first, string working, string second)
    {
        Task firstDone, secondDone;
        using (await App.Get<WriteGate>().EnterAsync())
        {
            firstDone = cut.Find(first).ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
            cut.WaitForAssertion(() => cut.Find(working));
            secondDone = cut.Find(second).ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
        }
        await Task.WhenAll(firstDone, secondDone);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();
}
