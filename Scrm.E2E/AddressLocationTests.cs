using Microsoft.Playwright;
using Scrm.E2E.Infrastructure;
using Scrm.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Scrm.E2E;

/// <summary>The address field's 使用当前位置 in a dispatcher's create dialog: the browser's own position becomes the map point.</summary>
[Collection(AppCollection.Name)]
public sealed class AddressLocationTests(BrowserFixture app)
{
    [Fact]
    public async Task UseMyLocationPutsTheBrowsersPositionOnTheInstallationAddressAndClearRemovesIt()
    {
        var earlier = await app.Server.NewTicketAsync("杭州", "E2E 定位 旧工单");
        var page = await app.SignedInPageAsync("dispatcher.east@demo.scrm");
        // The dispatcher stands at West Lake: the browser answers the page's geolocation request with this point.
        await page.Context.GrantPermissionsAsync(["geolocation"]);
        await page.Context.SetGeolocationAsync(new() { Latitude = 30.2591f, Longitude = 120.1483f });
        var customer = new CustomerPage(page);
        await customer.OpenAsync(earlier.CustomerId);
        await customer.NewTicket.ClickAsync();

        // 安装 tickets carry the seeded installation form, whose 安装地址 is an address field with a map.
        await customer.Dialog.Locator("[data-testid=type]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "安装" }).ClickAsync();
        var field = customer.Dialog.Locator("[data-testid=address-address]");
        await Expect(field.Locator(".form-address-map[data-ready=true]")).ToBeAttachedAsync();
        var point = field.Locator("[data-testid=point-address]");
        await Expect(point).ToContainTextAsync("未设置地图位置");

        await field.Locator("[data-testid=locate-address]").ClickAsync();

        await Expect(point).ToContainTextAsync("纬度 30.2591");
        await Expect(point).ToContainTextAsync("经度 120.1483");
        await field.Locator("[data-testid=clear-point-address]").ClickAsync();
        await Expect(point).ToContainTextAsync("未设置地图位置");
    }
}
