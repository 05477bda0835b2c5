using Bunit;
using Bunit.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Components;
using Scrm.App;
using Scrm.App.Data;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Components;

/// <summary>The ticket page against the real services of the shared test host, as an East dispatcher.</summary>
[Collection(AppCollection.Name)]
public sealed class TicketDetailPageRefusals : AppComponentContext
{
    private const string Winner = "华东调度 抢先";

    public TicketDetailPageRefusals(TestApp app) : base(app)
    {
        SignIn("华东调度 详情", AppRoles.Dispatcher, Regions.East);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task TheTicketsFormValuesAreShownLabelledByItsOwnVersion()
    {
        using var _ = UiCulture.Chinese();
        var request = TestApp.NewRequest("上海", TestApp.Marker("form-page"));
        request.Form = new Dictionary<string, object?>
        {
            ["contact_name"] = "韩梅梅", ["mobile"] = "13912345678", ["service_kind"] = "售后维修",
            ["device_model"] = "KX-200 商用冰柜", ["fault"] = "压缩机不启动",
        };
        var ticket = (await App.Tickets.CreateAsync(TestApp.Admin, request)).Ticket;

        var cut = RenderPage<TicketDetailPage>((nameof(TicketDetailPage.Number), ticket.Row.Number));

        cut.WaitForAssertion(() => cut.Find("[data-testid=ticket-form] tr[data-key=fault]").TextContent.ShouldContain("压缩机不启动"));
        cut.Find("[data-testid=ticket-form] tr[data-key=service_kind] th").TextContent.ShouldBe("服务类型");
        cut.Find("[data-testid=ticket-form] tr[data-key=parts_used] td").TextContent.ShouldBe("—");
    }

    [Fact]
    public async Task ACommentThatLosesARaceSaysWhoChangedTheTicketAndWhenInsteadOfBreakingThePage()
    {
        using var _ = UiCulture.Chinese();
        var ticket = await App.CreateTicketAsync(TestApp.Admin, "上海");
        var cut = RenderPage<TicketDetailPage>((nameof(TicketDetailPage.Number), ticket.Row.Number));
        cut.WaitForAssertion(() => cut.Find("[data-testid=ticket-title]"));
        await cut.Find("[data-testid=comment-box]").InputAsync(new ChangeEventArgs { Value = "客户说下午有人" });

        // Someone else saves between this page's read of the ticket and its own save.
        using (CommandHooks.Before("\"TicketEvents\"", () => App.Tickets.EditAsync(
                   TestApp.Dispatcher(Regions.East, Winner), ticket.Row.Id, "抢先者的标题", null, TicketPriority.High, null)))
        {
            await cut.Find("[data-testid=comment-submit]").ClickAsync(new());
        }

        var stored = await App.LoadTicketAsync(ticket.Row.Id);
        var at = App.Get<BusinessClock>().Format(stored.UpdatedAt);
        cut.WaitForAssertion(() => Snackbars(cut).ShouldContain($"该工单已被 {Winner} 于 {at} 修改，请刷新后重试。"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=ticket-title]").TextContent.ShouldBe("抢先者的标题"));
        cut.Find("[data-testid=comment-box]").GetAttribute("value").ShouldBe("客户说下午有人", "the text stays for a retry");
        var events = (await App.Queries.FindAsync(TestApp.Admin, ticket.Row.Id)).ShouldNotBeNull().Events;
        events.ShouldNotContain(e => e.Comment == "客户说下午有人");
    }
}

/// <summary>The on-site contact row: a tap-to-call link where the reader may see the number, a masked number where not.</summary>
[Collection(AppCollection.Name)]
public sealed class TicketDetailPageContact : AppComponentContext
{
    public TicketDetailPageContact(TestApp app) : base(app)
    {
    }

    private void SignInAs(string name, string role)
    {
        SignIn(name, role, Regions.East);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task ADispatcherSeesTheFullNumberAsATelLink()
    {
        SignInAs("华东调度 联系人", AppRoles.Dispatcher);
        var (ticket, phone) = await TicketWithContactAsync();

        var cut = RenderPage<TicketDetailPage>((nameof(TicketDetailPage.Number), ticket.Row.Number));

        cut.WaitForAssertion(() => cut.Find("[data-testid=ticket-contact-call]").GetAttribute("href").ShouldBe("tel:" + phone));
        cut.Find("[data-testid=ticket-contact]").TextContent.ShouldContain("王店长");
        cut.Find("[data-testid=ticket-contact-call]").TextContent.Trim().ShouldBe(phone);
    }

    [Fact]
    public async Task FinanceSeesAMaskedNumberAndNoLink()
    {
        SignInAs("财务 联系人", AppRoles.Finance);
        var (ticket, phone) = await TicketWithContactAsync();

        var cut = RenderPage<TicketDetailPage>((nameof(TicketDetailPage.Number), ticket.Row.Number));

        cut.WaitForAssertion(() => cut.Find("[data-testid=ticket-contact-phone]").TextContent.Trim().ShouldBe(phone[..3] + "****" + phone[^4..]));
        cut.FindAll("[data-testid=ticket-contact-call]").ShouldBeEmpty();
        cut.FindAll("a[href^='tel:']").ShouldBeEmpty();
    }

    private async Task<(TicketDetail Ticket, string Phone)> TicketWithContactAsync()
    {
        var ticket = await App.CreateTicketAsync(TestApp.Admin, "上海");
        var phone = TestApp.UniquePhone();
        await using var db = await App.DbAsync();
        var customer = await db.Customers.SingleAsync(c => c.Id == ticket.CustomerId);
        customer.AddContact("王店长", phone, "店长");
        await db.SaveChangesAsync();
        return (ticket, phone);
    }
}
