using Microsoft.AspNetCore.Components;
using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using Bunit.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Scrm.App;
using Scrm.App.Components.Shared;
using Scrm.App.Data;
using Scrm.App.Features.Customers;
using Scrm.App.Features.Technicians;
using Scrm.App.Features.Tickets;
using Scrm.App.Realtime;
using Scrm.Domain.Geo;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Components;

/// <summary>The create dialog against the real services and database of the shared test host.</summary>
[Collection(AppCollection.Name)]
public sealed class CreateTicketDialogFlow : BunitContext, IAsyncLifetime
{
    private readonly TestApp _app;

    public CreateTicketDialogFlow(TestApp app)
    {
        _app = app;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
        Services.AddSingleton(app.Get<TicketService>());
        Services.AddSingleton(app.Get<TicketQueries>());
        Services.AddSingleton(app.Get<Scrm.App.Features.Forms.FormTemplates>());
        Services.AddSingleton(app.Get<Scrm.App.Features.Forms.DeviceModels>());
        Services.AddSingleton(app.Get<Scrm.App.Features.Files.Attachments>());
        Services.AddSingleton(app.Get<CustomerQueries>());
        Services.AddSingleton(app.Get<TechnicianQueries>());
        Services.AddSingleton(app.Get<ChangeNotifier>());
        Services.AddSingleton(app.Get<BusinessClock>());
        Services.AddScoped<ErrorMessages>();

        var auth = AddAuthorization();
        auth.SetAuthorized("agent@test.scrm");
        auth.SetRoles(AppRoles.Agent);
        auth.SetClaims(
            new Claim(ClaimTypes.NameIdentifier, "dialog-agent"),
            new Claim(AccessScope.RegionClaim, AccessScope.AllRegionsValue),
            new Claim(AccessScope.DisplayNameClaim, "客服 对话框"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    [Fact]
    public async Task InvalidNewCustomerShowsAnErrorUnderEachBadFieldAndCreatesNothing()
    {
        using var _ = UiCulture.Chinese();
        var before = await CountsAsync();
        var (cut, dialog) = await OpenAsync();

        await cut.Find("input[data-testid=new-customer]").ChangeAsync(new() { Value = true });
        await Field(cut, "customer-name").ChangeAsync(new() { Value = "对话框测试客户" });
        await Field(cut, "customer-phone").ChangeAsync(new() { Value = "12345" });
        await cut.Find("[data-testid=create-submit]").ClickAsync(new());

        cut.WaitForAssertion(() =>
        {
            ErrorUnder(cut, "title").ShouldBe("请填写标题");
            ErrorUnder(cut, "customer-phone").ShouldBe("电话号码格式不正确（11 位手机号或带区号的座机）");
        });
        ErrorUnder(cut, "customer-name").ShouldBeNull();
        dialog.Result.IsCompleted.ShouldBeFalse();
        (await CountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task EmptySubmitShowsTheTitleTypeAndCustomerErrorsTogether()
    {
        using var _ = UiCulture.Chinese();
        var before = await CountsAsync();
        var (cut, dialog) = await OpenAsync();

        await cut.Find("[data-testid=create-submit]").ClickAsync(new());

        cut.WaitForAssertion(() =>
        {
            ErrorUnder(cut, "title").ShouldBe("请填写标题");
            ErrorUnder(cut, "type").ShouldBe("请填写类型");
            ErrorUnder(cut, "customer").ShouldBe("请选择客户，或填写新客户信息");
        });
        dialog.Result.IsCompleted.ShouldBeFalse();
        (await CountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task EmptyNewCustomerSubmitShowsAnErrorUnderEveryRequiredField()
    {
        using var _ = UiCulture.Chinese();
        var (cut, dialog) = await OpenAsync();

        await cut.Find("input[data-testid=new-customer]").ChangeAsync(new() { Value = true });
        await cut.Find("[data-testid=create-submit]").ClickAsync(new());

        cut.WaitForAssertion(() =>
        {
            ErrorUnder(cut, "title").ShouldBe("请填写标题");
            ErrorUnder(cut, "type").ShouldBe("请填写类型");
            ErrorUnder(cut, "customer-name").ShouldBe("请填写客户名称");
            ErrorUnder(cut, "customer-phone").ShouldBe("请填写客户电话");
            ErrorUnder(cut, "site-city").ShouldBe("请填写城市");
            ErrorUnder(cut, "site-address").ShouldBe("请填写地址");
        });
        dialog.Result.IsCompleted.ShouldBeFalse();
    }

    [Fact]
    public async Task ValidNewCustomerInShanghaiCreatesTheTicketAndClosesWithIt()
    {
        using var _ = UiCulture.Chinese();
        var title = TestApp.Marker("对话框");
        var phone = TestApp.UniquePhone();
        var (cut, dialog) = await OpenAsync();

        await cut.Find("input[data-testid=new-customer]").ChangeAsync(new() { Value = true });
        await Field(cut, "title").ChangeAsync(new() { Value = title });
        await ChooseAsync(cut, "type", "保养");
        await Field(cut, "customer-name").ChangeAsync(new() { Value = "对话框测试客户" });
        await Field(cut, "customer-phone").ChangeAsync(new() { Value = phone });
        await ChooseAsync(cut, "site-city", "上海");
        await Field(cut, "site-address").ChangeAsync(new() { Value = "上海市南京西路 1 号" });
        await cut.Find("[data-testid=create-submit]").ClickAsync(new());

        var result = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(10));
        result.ShouldNotBeNull().Canceled.ShouldBeFalse();
        var ticket = result.Data.ShouldBeOfType<TicketDetail>();
        ticket.Row.Title.ShouldBe(title);
        ticket.Row.City.ShouldBe("上海");
        ticket.Row.Region.ShouldBe(Regions.East);
        cut.WaitForAssertion(() => cut.FindAll(".mud-dialog").ShouldBeEmpty());
        var stored = await _app.LoadTicketAsync(ticket.Row.Id);
        stored.Number.ShouldBe(ticket.Row.Number);
        stored.UpdatedByName.ShouldBe("客服 对话框");
        await using var db = await _app.DbAsync();
        (await db.Customers.SingleAsync(c => c.Id == stored.CustomerId)).Phone.ShouldBe(phone);
    }

    [Fact]
    public async Task ARepairAsksForItsTemplatesFieldsAndTheTicketKeepsThem()
    {
        using var _ = UiCulture.Chinese();
        var title = TestApp.Marker("模板");
        var (cut, dialog) = await OpenAsync();
        await cut.Find("input[data-testid=new-customer]").ChangeAsync(new() { Value = true });
        await Field(cut, "title").ChangeAsync(new() { Value = title });
        await Field(cut, "customer-name").ChangeAsync(new() { Value = "模板测试客户" });
        await Field(cut, "customer-phone").ChangeAsync(new() { Value = TestApp.UniquePhone() });
        await Field(cut, "site-address").ChangeAsync(new() { Value = "上海市淮海中路 9 号" });
        cut.FindAll("[data-testid=ticket-template]").ShouldBeEmpty("no type and no place yet: no template");

        await ChooseAsync(cut, "type", "维修");
        await ChooseAsync(cut, "site-city", "上海");
        cut.WaitForAssertion(() => cut.Find("[data-testid=ticket-template]").TextContent.ShouldContain("设备报修"));
        // What the technician fills in on site is not asked when the ticket is opened.
        cut.FindAll("[data-testid=field-parts_used]").ShouldBeEmpty();
        cut.FindAll("[data-testid=field-signature]").ShouldBeEmpty();
        cut.FindAll("[data-testid=field-work_done]").ShouldBeEmpty();
        // The device model suggests the catalogue (a new customer has no devices of their own yet).
        cut.FindAll("[data-testid=field-device_model] datalist option").ShouldNotBeEmpty();
        await cut.Find("[data-testid=create-submit]").ClickAsync(new());

        // Nothing filed: each required template field says so beside itself.
        cut.WaitForAssertion(() => cut.Find("[data-testid=field-mobile] .mud-input-error").ShouldNotBeNull());
        cut.Find("[data-testid=field-contact_name] .mud-input-error").ShouldNotBeNull();
        dialog.Result.IsCompleted.ShouldBeFalse();

        await TemplateText(cut, "contact_name", "韩梅梅");
        await TemplateText(cut, "mobile", "13912345678");
        await TemplateText(cut, "device_model", "KX-200 商用冰柜");
        await cut.Find("[data-testid=field-service_kind] .mud-input-control").MouseDownAsync(new());
        cut.WaitForAssertion(() => cut.FindAll(".mud-popover-open .mud-list-item").ShouldNotBeEmpty());
        await cut.FindAll(".mud-popover-open .mud-list-item").First(i => i.TextContent.StartsWith("售后维修", StringComparison.Ordinal)).ClickAsync(new());
        cut.WaitForAssertion(() => cut.Find("[data-testid=field-fault]"));  // shown by its condition once 售后维修 is chosen
        await cut.Find("[data-testid=field-fault] textarea").InputAsync(new ChangeEventArgs { Value = "压缩机不启动" });
        await cut.Find("[data-testid=create-submit]").ClickAsync(new());

        var result = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(10));
        var stored = await _app.LoadTicketAsync(result!.Data.ShouldBeOfType<TicketDetail>().Row.Id);
        stored.FormKey.ShouldBe("equipment-repair");
        stored.StoredFormValues()["fault"].ShouldBeOfType<System.Text.Json.JsonElement>().GetString().ShouldBe("压缩机不启动");
    }

    private static Task TemplateText(IRenderedComponent<ContainerFragment> cut, string key, string text) =>
        cut.Find($"[data-testid=field-{key}] input").InputAsync(new ChangeEventArgs { Value = text });

    [Fact]
    public async Task ThePickerTellsTwoSameNamedCustomersApartByCityAndMaskedPhone()
    {
        using var _ = UiCulture.Chinese();
        var name = TestApp.Marker("连锁门店");
        var (hefei, chengdu) = (TestApp.UniquePhone(), TestApp.UniquePhone());
        foreach (var (city, phone) in new[] { ("合肥", hefei), ("成都", chengdu) })
        {
            var request = TestApp.NewRequest(city);
            request.Customer = new NewCustomer { Name = name, Phone = phone };
            await _app.Tickets.CreateAsync(TestApp.Admin, request);
        }
        var (cut, _) = await OpenAsync();

        await Field(cut, "customer").InputAsync(new() { Value = name });

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=customer-option]").Count.ShouldBe(2), TimeSpan.FromSeconds(5));
        var metas = cut.FindAll("[data-testid=customer-option-meta]").Select(m => m.TextContent.Trim()).Order().ToList();
        metas.ShouldBe([$"合肥 · {hefei[..3]}****{hefei[^4..]}", $"成都 · {chengdu[..3]}****{chengdu[^4..]}"], ignoreOrder: true);
        cut.FindAll("[data-testid=customer-option]").ShouldAllBe(o => o.TextContent.Contains(name));
    }

    private async Task<(IRenderedComponent<ContainerFragment> Cut, IDialogReference Dialog)> OpenAsync()
    {
        var cut = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<MudDialogProvider>(1);
            b.CloseComponent();
        });
        var dialogs = Services.GetRequiredService<IDialogService>();
        IDialogReference? dialog = null;
        await cut.InvokeAsync(async () => dialog = await dialogs.ShowAsync<CreateTicketDialog>("新建工单"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=create-submit]"));
        return (cut, dialog!);
    }

    private async Task<(int Tickets, int Customers)> CountsAsync()
    {
        await using var db = await _app.DbAsync();
        return (await db.Tickets.CountAsync(), await db.Customers.CountAsync());
    }

    /// <summary>The input of the field tagged <paramref name="testId"/>.</summary>
    private static IElement Field(IRenderedComponent<ContainerFragment> cut, string testId) =>
        cut.Find($"[data-testid={testId}]");

    /// <summary>The error text shown under the field tagged <paramref name="testId"/>, or null.</summary>
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
