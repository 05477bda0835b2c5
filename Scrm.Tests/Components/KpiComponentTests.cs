using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Features.Dashboards;
using Scrm.Domain.Dashboards;

namespace Scrm.Tests.Components;

/// <summary>The dashboard's tile and funnel components, rendered on their own.</summary>
public sealed class KpiComponents : BunitContext, IAsyncLifetime
{
    public KpiComponents() => Services.AddLocalization();

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();

    [Fact]
    public void ATileShowsTheValueTheChangeAndWhetherItIsBetter()
    {
        var cut = Render<KpiTileCard>(p => p
            .Add(t => t.Tile, new KpiTile("FirstResponse", 30, 45))
            .Add(t => t.Label, "首次响应")
            .Add(t => t.PreviousLabel, "上期")
            .Add(t => t.LowerIsBetter, true)
            .Add(t => t.Format, v => v is { } m ? $"{m:0} 分钟" : "—")
            .Add(t => t.Href, "/tickets?from=2026-11-01"));

        cut.Find("[data-testid=tile-value]").TextContent.ShouldBe("30 分钟");
        var change = cut.Find("[data-testid=tile-change]");
        change.TextContent.ShouldContain("▼ 15 分钟");
        change.TextContent.ShouldContain("上期 45 分钟");
        change.ClassList.ShouldContain("better");
        cut.Find("a").GetAttribute("href").ShouldBe("/tickets?from=2026-11-01");
    }

    [Fact]
    public void ATileWithNothingToCompareShowsADash()
    {
        var cut = Render<KpiTileCard>(p => p.Add(t => t.Tile, new KpiTile("Csat", null, null)).Add(t => t.Label, "客户满意度"));

        cut.Find("[data-testid=tile-value]").TextContent.ShouldBe("—");
        cut.Find("[data-testid=tile-change]").ClassList.ShouldContain("flat");
    }

    [Fact]
    public void TheFunnelDrawsEachStageWithItsDropOffAndLink()
    {
        var stages = FunnelStage.Chain([("Created", 200L, null), ("Accepted", 150L, null), ("Closed", 120L, "Closed")]);

        var cut = Render<FunnelChart>(p => p
            .Add(f => f.Stages, stages)
            .Add(f => f.Label, k => k == "Closed" ? "已关闭" : k)
            .Add(f => f.Href, s => s.Drill is null ? null : "/tickets?status=" + s.Drill));

        cut.FindAll("[data-testid=funnel-count]").Select(c => c.TextContent).ShouldBe(["200", "150", "120"]);
        cut.FindAll("[data-testid=funnel-drop]").Select(c => c.TextContent).ShouldBe(["−25.0%", "−20.0%"]);
        var closed = cut.Find("[data-testid=funnel-stage-Closed]");
        closed.GetAttribute("href").ShouldBe("/tickets?status=Closed");
        closed.TextContent.ShouldContain("已关闭");
        var widths = cut.FindAll("rect").Select(r => double.Parse(r.GetAttribute("width")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        widths.ShouldBeInOrder(SortDirection.Descending);
        (widths[2] / widths[0]).ShouldBe(0.6, tolerance: 0.01);
    }

    [Fact]
    public void TheHeatmapLinksEachCellToItsWeekdayAndHour()
    {
        var cells = new long[7, 24];
        cells[0, 9] = 12;
        cells[4, 14] = 3;

        var cut = Render<DemandHeatmap>(p => p
            .Add(h => h.Cells, cells)
            .Add(h => h.Weekdays, ["一", "二", "三", "四", "五", "六", "日"])
            .Add(h => h.Href, (d, h) => $"/tickets?weekday={d}&hour={h}"));

        cut.FindAll("rect").Count.ShouldBe(7 * 24);
        var monday9 = cut.Find("[data-testid=heat-1-9]");
        monday9.GetAttribute("href").ShouldBe("/tickets?weekday=1&hour=9");
        monday9.QuerySelector("title")!.TextContent.ShouldContain("12");
        cut.Find("[data-testid=heat-5-14] rect").GetAttribute("fill").ShouldNotBe(cut.Find("[data-testid=heat-1-9] rect").GetAttribute("fill"));
    }

    [Fact]
    public void TheFunnelAndHeatmapAreGroupsOfNamedLinksNotImages()
    {
        // An image's content is presentational: links inside role="img" are what axe reports as nested-interactive.
        var funnel = Render<FunnelChart>(p => p
            .Add(f => f.Stages, FunnelStage.Chain([("Created", 200L, null), ("Closed", 150L, "Closed")]))
            .Add(f => f.Label, k => k == "Closed" ? "已关闭" : "新建")
            .Add(f => f.Title, "工单阶段漏斗")
            .Add(f => f.Href, s => "/tickets?status=" + s.Drill));
        var cells = new long[7, 24];
        cells[0, 9] = 12;
        var heatmap = Render<DemandHeatmap>(p => p
            .Add(h => h.Cells, cells)
            .Add(h => h.Weekdays, ["一", "二", "三", "四", "五", "六", "日"])
            .Add(h => h.Title, "需求热力图")
            .Add(h => h.Href, (d, h) => $"/tickets?weekday={d}&hour={h}"));

        funnel.Find("svg").GetAttribute("role").ShouldBe("group");
        funnel.Find("svg").GetAttribute("aria-label").ShouldBe("工单阶段漏斗");
        // Named by its visible text (an aria-label differing from it is axe's label-content-name-mismatch).
        var closed = funnel.Find("[data-testid=funnel-stage-Closed]");
        closed.HasAttribute("aria-label").ShouldBeFalse();
        closed.TextContent.ShouldContain("已关闭");
        closed.TextContent.ShouldContain("150");
        heatmap.Find("svg").GetAttribute("role").ShouldBe("group");
        heatmap.Find("[data-testid=heat-1-9]").GetAttribute("aria-label").ShouldBe("一 09:00 · 12");
    }
}
