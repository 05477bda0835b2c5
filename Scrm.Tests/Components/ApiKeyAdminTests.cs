using System.Net;
using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Features.Admin;
using Scrm.App.Features.Shared;
using Scrm.Domain.Geo;
using Scrm.Tests.Api;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Components;

/// <summary>The API key service against the whole app over HTTP: a key it issues opens the API until it is revoked.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiKeyAdministration(ApiFactory factory)
{
    // Built from the host's own services, so the test does not depend on where AddAdmin() is called.
    private readonly ApiKeyAdmin _keys = ActivatorUtilities.CreateInstance<ApiKeyAdmin>(factory.Services);

    [Fact]
    public async Task AnIssuedKeyAuthenticatesUntilItIsRevokedAndThenAnswers401AtOnce()
    {
        var issued = await _keys.CreateAsync(TestApp.Admin, TestApp.Marker("接口对接"), AppRoles.Agent, AccessScope.AllRegionsValue, 30);
        var client = factory.Client(issued.Value);

        (await client.GetAsync(ApiRequests.TicketsPath)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await _keys.RevokeAsync(TestApp.Admin, issued.Id);

        (await client.GetAsync(ApiRequests.TicketsPath)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var row = (await _keys.ListAsync(TestApp.Admin)).Single(k => k.Id == issued.Id);
        row.State.ShouldBe(ApiKeyState.Revoked);
        row.RevokedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task TheListShowsTheSeededKeyAndNeverAKeyValue()
    {
        var issued = await _keys.CreateAsync(TestApp.Admin, TestApp.Marker("华南对接"), AppRoles.Dispatcher, Regions.South, null);

        var rows = await _keys.ListAsync(TestApp.Admin);

        rows.ShouldContain(k => k.Name == "Demo admin key" && k.Role == AppRoles.Admin && k.Region == AccessScope.AllRegionsValue);
        var row = rows.Single(k => k.Id == issued.Id);
        (row.Role, row.Region, row.ExpiresAt, row.State).ShouldBe((AppRoles.Dispatcher, Regions.South, (DateTimeOffset?)null, ApiKeyState.Active));
        row.ToString().ShouldNotContain(issued.Value);
    }

    [Fact]
    public async Task RejectsAnUnknownRegionAndANonPositiveLifetime()
    {
        var e = await Should.ThrowAsync<InputRejectedException>(() =>
            _keys.CreateAsync(TestApp.Admin, "坏的密钥", AppRoles.Agent, "火星", 0));

        e.Errors.Select(f => f.Field).ShouldBe(["region", "days"], ignoreOrder: true);
    }

    [Fact]
    public async Task ANonAdminScopeIsRefusedByTheServiceItself()
    {
        var dispatcher = TestApp.Dispatcher(Regions.East);
        var demo = (await _keys.ListAsync(TestApp.Admin)).First();

        (await Should.ThrowAsync<AccessDeniedException>(() => _keys.ListAsync(dispatcher))).Code.ShouldBe("Admin.AdminOnly");
        await Should.ThrowAsync<AccessDeniedException>(() => _keys.CreateAsync(dispatcher, "偷偷的密钥", AppRoles.Admin, AccessScope.AllRegionsValue, 1));
        await Should.ThrowAsync<AccessDeniedException>(() => _keys.RevokeAsync(dispatcher, demo.Id));
        (await _keys.ListAsync(TestApp.Admin)).Single(k => k.Id == demo.Id).RevokedAt.ShouldBeNull();
    }
}

/// <summary>The API keys page on the shared test host.</summary>
[Collection(AppCollection.Name)]
public sealed class ApiKeysPageRendering : AppComponentContext
{
    private readonly ApiKeyAdmin _keys;

    public ApiKeysPageRendering(TestApp app) : base(app)
    {
        _keys = ActivatorUtilities.CreateInstance<ApiKeyAdmin>(app.Services);
        Services.AddSingleton(_keys);
    }

    [Fact]
    public async Task AnAdminCreatesAKeyAndSeesItsValueOnceThenRevokesIt()
    {
        using var _ = UiCulture.Chinese();
        var name = TestApp.Marker("页面密钥");
        var cut = RenderAs("管理员 密钥", AppRoles.Admin, AccessScope.AllRegionsValue);
        cut.WaitForAssertion(() => cut.Find("[data-testid=apikeys-table]"));

        await cut.Find("input[data-testid=apikey-name]").ChangeAsync(new() { Value = name });
        await cut.Find("[data-testid=apikey-create]").ClickAsync(new());

        cut.WaitForAssertion(() => cut.Find("[data-testid=apikey-value]").TextContent.Trim().ShouldStartWith("scrm_"));
        var value = cut.Find("[data-testid=apikey-value]").TextContent.Trim();
        var row = (await _keys.ListAsync(TestApp.Admin)).Single(k => k.Name == name);
        (row.Role, row.Region, row.State).ShouldBe((AppRoles.Agent, AccessScope.AllRegionsValue, ApiKeyState.Active));
        cut.WaitForAssertion(() => State(cut, name).ShouldBe("有效"));
        cut.Markup.Split(value).Length.ShouldBe(2, "the value appears in the one-time alert only");

        await RowOf(cut, name).QuerySelector("[data-testid=apikey-revoke]")!.ClickAsync(new());

        cut.WaitForAssertion(() => State(cut, name).ShouldBe("已吊销"));
        RowOf(cut, name).QuerySelector("[data-testid=apikey-revoke]").ShouldBeNull();
        Snackbars(cut).ShouldContain($"密钥「{name}」已吊销");
    }

    [Fact]
    public void ADispatcherGetsTheAccessMessageAndNoKeys()
    {
        using var _ = UiCulture.Chinese();

        var cut = RenderAs("华东调度 密钥", AppRoles.Dispatcher, Regions.East);

        cut.WaitForAssertion(() => cut.Find("[data-testid=apikeys-refused]").TextContent.Trim().ShouldBe("只有管理员可以管理用户和 API 密钥"));
        cut.FindAll("tr.apikey-row").ShouldBeEmpty();
        cut.FindAll("[data-testid=apikey-create]").ShouldBeEmpty();
    }

    private IRenderedComponent<ContainerFragment> RenderAs(string name, string role, string region)
    {
        SignIn(name, role, region);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return RenderPage<ApiKeysPage>();
    }

    private static AngleSharp.Dom.IElement RowOf(IRenderedComponent<ContainerFragment> cut, string name) =>
        cut.FindAll("tr.apikey-row").Single(r => r.QuerySelector("[data-testid=apikey-row-name]")!.TextContent.Trim() == name);

    private static string State(IRenderedComponent<ContainerFragment> cut, string name) =>
        RowOf(cut, name).QuerySelector("[data-testid=apikey-row-state]")!.TextContent.Trim();
}
