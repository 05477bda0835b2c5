using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Tickets;
using Scrm.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Scrm.E2E;

/// <summary>On site: the ticket's form filled in on the ticket page, with a photo from the phone and the customer's signature.</summary>
[Collection(AppCollection.Name)]
public sealed class TicketFormFilesTests(BrowserFixture app)
{
    private static readonly byte[] Photo = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAfbLI3wAAAABJRU5ErkJggg==");

    [Fact]
    public async Task APhotoAndASignatureAreAddedToTheFormAndShownWithTheTicket()
    {
        var ticket = await NewRepairAsync();
        var page = await app.SignedInPageAsync("dispatcher.east@demo.scrm", $"/tickets/{ticket.Row.Number}");

        await page.Locator("[data-testid=edit-form]").ClickAsync();
        var picker = page.Locator("[data-testid=files-photos] input[type=file]");
        // Blazor listens to the file input only once its JS side has wired it after the render; a file chosen before that
        // is never read. The marker is the one Blazor's InputFile sets when it wires the element.
        await picker.EvaluateAsync("input => new Promise(ready => { const check = () => input._blazorInputFileNextFileId !== undefined ? ready() : setTimeout(check, 50); check(); })");
        await picker.SetInputFilesAsync(
            new FilePayload { Name = "压缩机.png", MimeType = "image/png", Buffer = Photo });
        await Expect(page.Locator("[data-testid=files-photos] [data-testid=uploaded-file] img")).ToHaveCountAsync(1);

        var pad = page.Locator("[data-testid=pad-signature]");
        await page.Locator("[data-testid=sign-signature]").ClickAsync();
        await Expect(page.Locator("[data-testid=files-signature]")).ToContainTextAsync("请先在框内签名");
        var box = (await pad.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 20, box.Y + 40);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + 120, box.Y + 90, new MouseMoveOptions { Steps = 8 });
        await page.Mouse.MoveAsync(box.X + 200, box.Y + 30, new MouseMoveOptions { Steps = 8 });
        await page.Mouse.UpAsync();
        await page.Locator("[data-testid=sign-signature]").ClickAsync();
        await Expect(page.Locator("[data-testid=files-signature] [data-testid=signature] img")).ToBeVisibleAsync();

        await page.Locator("[data-testid=field-parts_used] textarea").First.FillAsync("压缩机启动电容");
        await page.Locator("[data-testid=save-form]").ClickAsync();

        var form = page.Locator("[data-testid=ticket-form]");
        await Expect(form.Locator("tr[data-key=parts_used]")).ToContainTextAsync("压缩机启动电容");
        var thumbnail = form.Locator("tr[data-key=photos] img");
        await Expect(thumbnail).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/files/f_[0-9a-f]{32}$"));
        await Expect(form.Locator("tr[data-key=signature] img")).ToBeVisibleAsync();
        // The browser really fetched them with the user's rights: decoded images have a width.
        (await thumbnail.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : -1")).ShouldBeGreaterThan(0);
        (await form.Locator("tr[data-key=signature] img").EvaluateAsync<int>("img => img.naturalWidth")).ShouldBeGreaterThan(0);
    }

    private async Task<TicketDetail> NewRepairAsync()
    {
        var created = await app.Server.Services.GetRequiredService<TicketService>().CreateAsync(TestData.Admin, new NewTicketRequest
        {
            Title = "E2E 冰柜拍照签名",
            Type = nameof(TicketType.Repair),
            Customer = new NewCustomer { Name = $"上海测试门店{Random.Shared.Next(1000, 9999)}", Phone = $"139{Random.Shared.Next(10_000_000, 99_999_999)}" },
            Site = new NewSite { Address = "上海市人民路 1 号", City = "上海" },
            Form = new Dictionary<string, object?>
            {
                ["contact_name"] = "韩梅梅", ["mobile"] = "13912345678", ["service_kind"] = "售后维修",
                ["device_model"] = "KX-200 商用冰柜", ["fault"] = "压缩机不启动",
            },
        });
        return created.Ticket;
    }
}
