using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Scrm.App;
using Scrm.App.Features.Forms.Designer;
using Scrm.Domain.Forms;
using Scrm.Domain.Tickets;
using FieldType = Scrm.Domain.Forms.FieldType;

namespace Scrm.Tests.Components;

/// <summary>The designer's version history: every version listed, and the newest two compared field by field.</summary>
public sealed class FormVersionHistory : BunitContext, IAsyncLifetime
{
    public FormVersionHistory()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
        Services.AddSingleton(new BusinessClock("Asia/Shanghai"));
    }

    [Fact]
    public void ListsEveryVersionAndComparesTheDraftWithThePublishedVersionInWords()
    {
        using var _ = UiCulture.Chinese();
        var now = new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.FromHours(8));
        var template = FormTemplate.CreateHeadOffice("return-goods", "退换货", "Returns", TicketType.Complaint);
        FormField order = new() { Key = "order_no", Type = FieldType.Text, LabelZh = "订单号", Required = true };
        FormField reason = new() { Key = "reason", Type = FieldType.MultiLineText, LabelZh = "退货原因" };
        template.SaveDraft([order, reason], now);
        template.Publish(now);
        template.SaveDraft([order with { LabelZh = "订单编号" }, new FormField { Key = "logistics_no", Type = FieldType.Text, LabelZh = "物流单号" }],
            now.AddDays(1));

        var cut = Render<VersionHistory>(p => p.Add(h => h.Versions, template.Versions));

        cut.FindAll("[data-testid=history-number]").Select(c => c.TextContent).ShouldBe(["v2", "v1"]);
        cut.FindAll("[data-testid=compare-item]").Select(i => i.TextContent.Trim().Replace("\n", " "))
            .Select(t => System.Text.RegularExpressions.Regex.Replace(t, @"\s+", " "))
            .ShouldBe(["order_no 修改：中文名称", "logistics_no 新增", "reason 删除"]);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services dispose only asynchronously.
    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();
}
