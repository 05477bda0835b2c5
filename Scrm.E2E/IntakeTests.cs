using Microsoft.Playwright;
using Scrm.E2E.Infrastructure;
using Scrm.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Scrm.E2E;

/// <summary>A customer fills in the public H5 form on a phone, without signing in; the dispatcher then finds the ticket in the list and on the board.</summary>
[Collection(AppCollection.Name)]
public sealed class PublicIntakeOnAPhone(BrowserFixture app)
{
    [Fact]
    public async Task ACustomerSeesTheConditionalFieldFixesAnErrorAndTheDispatcherFindsTheTicket()
    {
        await using var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.Server.BaseUrl,
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            Permissions = ["geolocation"],
            Geolocation = new Geolocation { Latitude = 31.2397f, Longitude = 121.4998f },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var form = new IntakePage(page);
        var contact = $"E2E客户{Random.Shared.Next(1000, 9999)}";

        await form.OpenAsync("equipment-repair");
        await Expect(form.Field("fault")).ToBeHiddenAsync();
        await form.ChooseAsync("售后维修");
        await Expect(form.Field("fault")).ToBeVisibleAsync();
        await form.Field("photos").Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "故障.png", MimeType = "image/png",
            Buffer = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAfbLI3wAAAABJRU5ErkJggg=="),
        });

        await form.Input("联系人").FillAsync(contact);
        await form.Input("手机号").FillAsync("12345");
        await form.Input("设备型号").FillAsync("KX-200");
        await form.Input("故障描述").FillAsync("空调不制冷");
        await form.ChooseCityAsync("上海");
        await form.Input("详细地址").FillAsync("浦东新区世纪大道 100 号");
        await page.Locator("[data-testid=intake-locate]").ClickAsync();
        await Expect(page.Locator("[data-testid=intake-point]")).ToContainTextAsync("纬度 31.2397");
        await form.SubmitAsync();

        await Expect(form.ErrorFor("mobile")).ToContainTextAsync("不是有效的手机号");
        await Expect(form.Errors).ToBeVisibleAsync();
        await Expect(form.Input("联系人")).ToHaveValueAsync(contact);
        await Expect(form.Field("fault")).ToBeVisibleAsync();
        await Expect(form.Field("photos")).ToContainTextAsync("✓ 故障.png");  // kept: not asked for again
        await Expect(page.Locator("[data-testid=intake-point]")).ToContainTextAsync("经度 121.4998");  // the location too
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth - innerWidth")).ShouldBeLessThanOrEqualTo(1);
        await page.ScreenshotAsync(new() { Path = "/tmp/intake-phone-error.png", FullPage = true });

        await form.Input("手机号").FillAsync($"139{Random.Shared.Next(10_000_000, 99_999_999)}");
        await form.SubmitAsync();

        await Expect(form.Thanks).ToContainTextAsync("我们会尽快联系您");
        var number = (await form.TicketNumber.InnerTextAsync()).Trim();
        number.ShouldStartWith("GD-");
        await page.ScreenshotAsync(new() { Path = "/tmp/intake-phone-thanks.png" });

        var office = await app.SignedInPageAsync("dispatcher.east@demo.scrm", $"/tickets?q={Uri.EscapeDataString(number)}");
        var list = new TicketListPage(office);
        await Expect(list.Row(number)).ToBeVisibleAsync();
        await Expect(list.Row(number)).ToContainTextAsync(contact);

        // The words: the dispatcher finds the ticket on the board. Handlers (SLA, dispatch flows) may already
        // have moved it past 新建, so look for its card in any column; the wait covers handlers on a loaded machine.
        await office.GotoAsync("/board");
        var board = new BoardPage(office);
        await board.ReadyAsync();
        await Expect(board.Card(number)).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(board.Card(number)).ToContainTextAsync(contact);
    }
}
