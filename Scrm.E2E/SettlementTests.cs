using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.Domain.Pricing;
using Scrm.Domain.Tickets;
using Scrm.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Scrm.E2E;

/// <summary>Finance opens /settlement, reads a period's statement and downloads it as Excel.</summary>
[Collection(AppCollection.Name)]
public sealed class SettlementTests(BrowserFixture app)
{
    /// <summary>Two final bills of 2022-11 published as pricing will publish them: outbox rows through the write path.</summary>
    private async Task PublishBillsAsync()
    {
        var at = new DateTimeOffset(2022, 11, 8, 15, 0, 0, TimeSpan.FromHours(8));
        BillFinalised[] bills =
        [
            new(9_900_001, "GD-E2E-0001", "西南", "成都", TicketType.Repair, 1, 901, null, 60_000, 20_000, 0, 0, 80_000, 50_000, at) { AggregateId = 9_900_001, OccurredAt = at },
            new(9_900_002, "GD-E2E-0002", "华东", "上海", TicketType.Maintenance, 1, 902, null, 30_000, 0, 0, 0, 30_000, 12_000, at.AddDays(1)) { AggregateId = 9_900_002, OccurredAt = at.AddDays(1) },
        ];
        var types = app.Server.Services.GetRequiredService<EventTypes>();
        await app.Server.Services.GetRequiredService<WritePath>().RunAsync(AccessScope.System, (db, _) =>
        {
            foreach (var bill in bills) db.OutboxMessages.Add(types.ToMessage(bill, bill.AggregateId));
            return Task.FromResult(true);
        });
        var factory = app.Server.Services.GetRequiredService<IDbContextFactory<ScrmDbContext>>();
        for (var i = 0; i < 600; i++)
        {
            await using var db = await factory.CreateForAsync(AccessScope.System);
            if (await db.SettlementLines.CountAsync(l => l.Period == "2022-11") >= 2) return;
            await Task.Delay(100);
        }
        throw new TimeoutException("settlement did not record the bills");
    }


    [Fact]
    public async Task FinanceSeesAPeriodsStatementAndDownloadsItAsExcel()
    {
        await PublishBillsAsync();
        var page = await app.SignedInPageAsync("finance@demo.scrm", "/settlement/2022-11");

        await Expect(page.GetByTestId("settlement-ready")).ToBeAttachedAsync();
        await Expect(page.GetByTestId("partner-chengdu-rongcheng")).ToContainTextAsync("成都蓉城机电设备服务有限公司");
        await Expect(page.GetByTestId("total-revenue")).ToContainTextAsync("¥1,100.00");
        await Expect(page.GetByTestId("commission-901")).ToContainTextAsync("¥64.00");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-statement").ClickAsync());

        download.SuggestedFilename.ShouldBe("settlement-2022-11-statement.xlsx");
        using var book = new XLWorkbook(new MemoryStream(await File.ReadAllBytesAsync(await download.PathAsync())));
        var commission = book.Worksheet(1);
        commission.LastRowUsed()!.RowNumber().ShouldBe(4);
        commission.Cell(4, 9).GetValue<decimal>().ShouldBe(88m);  // 8 % of ¥800 + 8 % of ¥300
    }
}
