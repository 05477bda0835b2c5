using AngleSharp.Dom;
using Bunit;
using Bunit.Rendering;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Scrm.App.Data;
using Scrm.App.Features.Customers;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Geo;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Components;

/// <summary>"新建工单" on a customer's page: the dialog starts with that customer, and with their site when only one is in view.</summary>
[Collection(AppCollection.Name)]
public sealed class CustomerPageNewTicket : AppComponentContext
{
    public CustomerPageNewTicket(TestApp app) : base(app)
    {
        Services.AddSingleton(app.Get<CustomerQueries>());
    }

    private void SignInAs(string name, string role, string region)
    {
        SignIn(name, role, region);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task TheDialogStartsWithTheCustomerAndTheirOneSiteAndTheTicketIsTheirs()
    {
        using var _ = UiCulture.Chinese();
        SignInAs("华东调度 客户页", AppRoles.Dispatcher, Regions.East);
        var (customerId, name, _) = await CustomerAsync(("苏州", "苏州市干将路 8 号"));
        var title = TestApp.Marker("客户页建单");
        var cut = RenderPage<CustomerDetailPage>(("Id", customerId));

        OpenDialog(cut);
        Field(cut, "customer").GetAttribute("value").ShouldBe(name);
        cut.Find("[data-testid=site]").Closest(".mud-input-control").ShouldNotBeNull().TextContent.ShouldContain("苏州市干将路 8 号");
        await Field(cut, "title").ChangeAsync(new() { Value = title });
        await ChooseAsync(cut, "type", "保养");
        await cut.Find("[data-testid=create-submit]").ClickAsync(new());

        var nav = Services.GetRequiredService<BunitNavigationManager>();
        cut.WaitForAssertion(() => nav.Uri.ShouldContain("/tickets/"), TimeSpan.FromSeconds(10));
        await using var db = await App.DbAsync();
        var ticket = await db.Tickets.SingleAsync(t => t.Title == title);
        ticket.CustomerId.ShouldBe(customerId);
        nav.Uri.ShouldEndWith("/tickets/" + ticket.Number);
        ticket.City.ShouldBe("苏州");
    }

    [Fact]
    public async Task OfAChainOnlyTheStoresOfTheCallersRegionCountSoItsOneStoreThereIsChosen()
    {
        using var _ = UiCulture.Chinese();
        SignInAs("华东调度 连锁", AppRoles.Dispatcher, Regions.East);
        var (customerId, name, _) = await CustomerAsync(("上海", "上海市淮海中路 99 号"), ("成都", "成都市春熙路 12 号"));
        var cut = RenderPage<CustomerDetailPage>(("Id", customerId));

        OpenDialog(cut);

        Field(cut, "customer").GetAttribute("value").ShouldBe(name);
        var site = cut.Find("[data-testid=site]").Closest(".mud-input-control").ShouldNotBeNull();
        site.TextContent.ShouldContain("上海市淮海中路 99 号");
        await site.MouseDownAsync(new());
        cut.WaitForAssertion(() => cut.FindAll(".mud-popover-open .mud-list-item").Select(i => i.TextContent).ShouldHaveSingleItem().ShouldContain("上海"));
    }

    [Fact]
    public async Task WithSeveralStoresInViewNoneIsGuessedAndSubmittingAsksForOne()
    {
        using var _ = UiCulture.Chinese();
        SignInAs("华东调度 两店", AppRoles.Dispatcher, Regions.East);
        var (customerId, name, _) = await CustomerAsync(("杭州", "杭州市延安路 1 号"), ("宁波", "宁波市中山东路 2 号"));
        var cut = RenderPage<CustomerDetailPage>(("Id", customerId));
        OpenDialog(cut);
        await Field(cut, "title").ChangeAsync(new() { Value = TestApp.Marker("两店") });
        await ChooseAsync(cut, "type", "保养");

        await cut.Find("[data-testid=create-submit]").ClickAsync(new());

        Field(cut, "customer").GetAttribute("value").ShouldBe(name);
        cut.WaitForAssertion(() => ErrorUnder(cut, "site").ShouldBe("请填写服务网点"));
        await using var db = await App.DbAsync();
        (await db.Tickets.CountAsync(t => t.CustomerId == customerId)).ShouldBe(2, "only the two that made the stores");
    }

    [Fact]
    public async Task ACustomerTheCallerMayNotSeeIsNotFilledIn()
    {
        using var _ = UiCulture.Chinese();
        SignInAs("华南调度 越权", AppRoles.Dispatcher, Regions.South);
        var (customerId, _, _) = await CustomerAsync(("成都", "成都市人民南路 3 号"));
        var cut = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<MudDialogProvider>(1);
            b.CloseComponent();
        });

        var parameters = new DialogParameters<CreateTicketDialog> { { d => d.CustomerId, customerId } };
        await cut.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<CreateTicketDialog>("新建工单", parameters));

        cut.WaitForAssertion(() => cut.Find("[data-testid=create-submit]"));
        Field(cut, "customer").GetAttribute("value").ShouldBeNullOrEmpty();
    }

    [Fact]
    public async Task FinanceReadsTheCustomerButIsNotOfferedANewTicket()
    {
        using var _ = UiCulture.Chinese();
        SignInAs("财务 客户页", AppRoles.Finance, AccessScope.AllRegionsValue);
        var (customerId, name, _) = await CustomerAsync(("南京", "南京市中山路 5 号"));

        var cut = RenderPage<CustomerDetailPage>(("Id", customerId));

        cut.WaitForAssertion(() => cut.Find("h1").TextContent.ShouldBe(name));
        cut.FindAll("[data-testid=customer-new-ticket]").ShouldBeEmpty();
    }

    /// <summary>A customer with a site at each address (one phone, so one customer), each made by a ticket.</summary>
    private async Task<(long Id, string Name, string Phone)> CustomerAsync(params (string City, string Address)[] sites)
    {
        var name = TestApp.Marker("客户页客户");
        var phone = TestApp.UniquePhone();
        long id = 0;
        foreach (var (city, address) in sites)
        {
            var request = TestApp.NewRequest(city);
            request.Customer = new() { Name = name, Phone = phone };
            request.Site = new() { City = city, Address = address };
            id = (await App.Tickets.CreateAsync(TestApp.Admin, request)).Ticket.CustomerId;
        }
        return (id, name, phone);
    }

    /// <summary>Clicks 新建工单 and waits for the dialog; the click's handler runs on until the dialog closes, so it is not awaited.</summary>
    private static void OpenDialog(IRenderedComponent<ContainerFragment> cut)
    {
        cut.WaitForAssertion(() => cut.Find("[data-testid=customer-new-ticket]"));
        _ = cut.Find("[data-testid=customer-new-ticket]").ClickAsync(new());
        cut.WaitForAssertion(() => cut.Find("[data-testid=create-submit]"));
        cut.WaitForAssertion(() => Field(cut, "customer").GetAttribute("value").ShouldNotBeNullOrEmpty());
    }

    private static IElement Field(IRenderedComponent<ContainerFragment> cut, string testId) => cut.Find($"[data-testid={testId}]");

    private static string? ErrorUnder(IRenderedComponent<ContainerFragment> cut, string testId)
    {
        var control = Field(cut, testId).Closest(".mud-input-control").ShouldNotBeNull();
        return control.QuerySelector(".mud-input-helper-text.mud-input-error .me-auto")?.TextContent.Trim() is { Length: > 0 } text ? text : null;
    }

    private static async Task ChooseAsync(IRenderedComponent<ContainerFragment> cut, string testId, string option)
    {
        await Field(cut, testId).Closest(".mud-input-control").ShouldNotBeNull().MouseDownAsync(new());
        cut.WaitForAssertion(() => cut.FindAll(".mud-popover-open .mud-list-item").ShouldNotBeEmpty());
        var item = cut.FindAll(".mud-popover-open .mud-list-item").First(i => i.TextContent.StartsWith(option, StringComparison.Ordinal));
        await item.ClickAsync(new());
    }
}
