using Bunit;
using Bunit.Rendering;
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
