using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Features.Channels;
using Scrm.Domain.Geo;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Components;

/// <summary>The channels page against the shared test host: what the inbox holds, as an Admin sees it; others are refused.</summary>
[Collection(AppCollection.Name)]
public sealed class ChannelsAdminPageListing : AppComponentContext
{
    public ChannelsAdminPageListing(TestApp app) : base(app)
    {
        Services.AddSingleton(app.Get<ChannelQueries>());
    }

    [Fact]
    public async Task AnAdminSeesAnInboundMessageWithItsStatusAndTicket()
    {
        using var _ = UiCulture.Chinese();
        var sender = TestApp.Marker("ZhaoLei");
        await using (var db = await App.DbAsync())
        {
            db.InboundMessages.Add(new InboundMessage
            {
                Channel = "wecom", DedupKey = "msg:" + sender, Sender = sender, Kind = "text", Body = "<xml/>",
                ReceivedAt = DateTimeOffset.UtcNow, Status = InboundStatus.Processed, Attempts = 1, TicketNumber = "20261127-0042",
                Outcome = "Repair",
            });
            await db.SaveChangesAsync();
        }
        SignIn("管理员 渠道", AppRoles.Admin, AccessScope.AllRegionsValue);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var cut = RenderPage<ChannelsAdminPage>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=channels-sender]").Select(c => c.TextContent.Trim()).ShouldContain(sender));
        var row = cut.FindAll("tr").Single(r => r.TextContent.Contains(sender));
        row.QuerySelector("[data-testid=channels-status]")!.TextContent.Trim().ShouldBe("已处理");
        row.QuerySelector("[data-testid=channels-ticket] a")!.GetAttribute("href").ShouldBe("/tickets/20261127-0042");
        cut.Find("h1").TextContent.ShouldBe("渠道消息");
    }

    [Fact]
    public void ADispatcherIsRefusedAndSeesNoMessages()
    {
        using var _ = UiCulture.Chinese();
        SignIn("华东调度 渠道", AppRoles.Dispatcher, Regions.East);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var cut = RenderPage<ChannelsAdminPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=channels-refused]").TextContent.Trim().ShouldBe("只有管理员可以查看渠道消息。"));
        cut.FindAll("[data-testid=channels-table]").ShouldBeEmpty();
    }
}
