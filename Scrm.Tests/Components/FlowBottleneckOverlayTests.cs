using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Scrm.App.Features.Flows.Runtime;
using Scrm.Domain.Flows;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Components;

/// <summary>The designer's bottleneck overlay: each node of the published version with its figures and colour.</summary>
[Collection(AppCollection.Name)]
public sealed class FlowBottleneckOverlay(TestApp app) : FlowDesignerContext(app)
{
    [Fact]
    public async Task TheOverlayShowsEachNodesFiguresColouredByItsP90()
    {
        using var _ = UiCulture.Chinese();
        var key = await NewFlowAsync(SampleFlows.Repair());
        await Flows.PublishAsync(TestApp.Admin, key);
        var ticket = await App.CreateTicketAsync(TestApp.Admin, "上海");
        var now = App.Get<TimeProvider>().GetUtcNow();
        await using (var db = await App.DbAsync())
        {
            db.AddRange(
                Visit(ticket.Row.Id, key, "confirm", now.AddHours(-12), now.AddHours(-2)),
                Visit(ticket.Row.Id, key, "repair", now.AddHours(-4), now.AddHours(-3)),
                Visit(ticket.Row.Id, key, "dispatch", now.AddMinutes(-20), null));
            await db.SaveChangesAsync();
        }
        var cut = await OpenAsync(key);

        await cut.Find("[data-testid=bottleneck-toggle]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => cut.Find("[data-testid=flow-node-confirm] [data-testid=flow-node-load]"));
        var confirm = cut.Find("[data-testid=flow-node-confirm]");
        confirm.QuerySelector("[data-testid=flow-node-load-now]")!.TextContent.ShouldBe("当前 0 单");
        confirm.QuerySelector("[data-testid=flow-node-load-times]")!.TextContent.ShouldBe("中位 10 小时 · P90 10 小时");
        confirm.GetAttribute("style")!.ShouldContain("hsl(0, 70%, 42%)");
        var repair = cut.Find("[data-testid=flow-node-repair]");
        repair.QuerySelector("[data-testid=flow-node-load-times]")!.TextContent.ShouldBe("中位 60 分钟 · P90 60 分钟");
        repair.GetAttribute("style")!.ShouldContain("hsl(108, 70%, 42%)");
        cut.Find("[data-testid=flow-node-dispatch] [data-testid=flow-node-load-now]").TextContent.ShouldBe("当前 1 单");
        cut.Find("[data-testid=bottleneck-legend]").TextContent.ShouldContain("已发布 v1");

        await cut.Find("[data-testid=bottleneck-toggle]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=flow-node-load]").ShouldBeEmpty());
    }

    [Fact]
    public async Task AnUnpublishedFlowHasNoOverlayToShow()
    {
        using var _ = UiCulture.Chinese();
        var key = await NewFlowAsync(SampleFlows.Repair());
        var cut = await OpenAsync(key);

        cut.Find("[data-testid=bottleneck-toggle]").HasAttribute("disabled").ShouldBeTrue();
    }

    private static FlowNodeVisit Visit(long ticketId, string key, string node, DateTimeOffset entered, DateTimeOffset? left) => new()
    {
        TicketId = ticketId, TemplateKey = key, FlowVersion = 1, NodeId = node, EnteredAt = entered, LeftAt = left,
    };
}
