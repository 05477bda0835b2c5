using System.Net;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.App.Features.Settlement;
using Scrm.Domain.Pricing;
using Scrm.Tests.Api;
using Shouldly;

namespace Scrm.Tests.Settlement;

[Collection(ApiCollection.Name)]
public class SettlementExportApiTests(ApiFactory factory)
{
    // Its own month, so the rows below are all the period holds.
    private const string Period = "2022-03";

    private static readonly SemaphoreSlim Seeding = new(1, 1);
    private static bool _seeded;

    // Once per test run: the credit is a fresh event each time it is built.
    private async Task SeedAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            if (!_seeded) await SeedOnceAsync();
            _seeded = true;
        }
        finally
        {
            Seeding.Release();
        }
    }

    private async Task SeedOnceAsync()
    {
        var recorder = factory.Services.GetRequiredService<SettlementRecorder>();
        var delivery = new EventDelivery(nameof(SettlementRecorder), 0, 1);
        BillFinalised[] bills =
        [
            SettlementKit.Bill(SettlementKit.At(2022, 3, 2), 701, 50_000, 30_000, region: "西南", city: "成都", ticketId: 9_300_001),
            SettlementKit.Bill(SettlementKit.At(2022, 3, 3), 701, 20_000, 5_000, region: "西南", city: "成都", ticketId: 9_300_002),
            SettlementKit.Bill(SettlementKit.At(2022, 3, 4), 702, 80_000, 60_000, region: "华东", city: "上海", ticketId: 9_300_003),
        ];
        foreach (var bill in bills) await recorder.HandleAsync(bill, delivery, CancellationToken.None);
        await recorder.HandleAsync(SettlementKit.Credit(bills[0], SettlementKit.At(2022, 3, 9), -10_000), delivery, CancellationToken.None);
    }

    private static XLWorkbook Open(byte[] bytes) => new(new MemoryStream(bytes));

    [Fact]
    public async Task TheStatementOpensInExcelWithEveryTechnicianAndPartnerAndTheirTotals()
    {
        await SeedAsync();
        var finance = factory.Client(await factory.IssueKeyAsync(AppRoles.Finance, AccessScope.AllRegionsValue, TimeSpan.FromHours(1)));

        var response = await finance.GetAsync($"/api/v1/settlement/{Period}/statement.xlsx");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(SettlementExcel.ContentType);
        using var book = Open(await response.Content.ReadAsByteArrayAsync());
        var commission = book.Worksheet(1);
        // Header, two technicians, totals. 701: 2 tickets, ¥600 net (¥700 − ¥100 credit) at 8 % = ¥48; 702: ¥800 at 8 % = ¥64.
        commission.LastRowUsed()!.RowNumber().ShouldBe(4);
        commission.Cell(4, 8).GetValue<decimal>().ShouldBe(1_400m);
        commission.Cell(4, 9).GetValue<decimal>().ShouldBe(112m);
        var partners = book.Worksheet(2);
        partners.LastRowUsed()!.RowNumber().ShouldBe(3);
        partners.Cell(2, 1).GetString().ShouldBe("成都蓉城机电设备服务有限公司");
        // 70 % of ¥600 = ¥420, plus 2 × ¥20 fees.
        (partners.Cell(2, 4).GetValue<int>(), partners.Cell(2, 6).GetValue<decimal>(), partners.Cell(2, 7).GetValue<decimal>(), partners.Cell(2, 8).GetValue<decimal>())
            .ShouldBe((2, 420m, 40m, 460m));
    }

    [Fact]
    public async Task TheTicketListHasOneRowPerTicketWithRevenueCostAndMargin()
    {
        await SeedAsync();
        var finance = factory.Client(await factory.IssueKeyAsync(AppRoles.Finance, AccessScope.AllRegionsValue, TimeSpan.FromHours(1)));

        using var book = Open(await finance.GetByteArrayAsync($"/api/v1/settlement/{Period}/tickets.xlsx"));

        var sheet = book.Worksheet(1);
        sheet.LastRowUsed()!.RowNumber().ShouldBe(5);
        var first = sheet.Row(2);
        (first.Cell(1).GetString(), first.Cell(6).GetValue<decimal>(), first.Cell(7).GetValue<decimal>(), first.Cell(8).GetValue<decimal>())
            .ShouldBe(("T9300001", 400m, 300m, 100m));
        (sheet.Cell(5, 6).GetValue<decimal>(), sheet.Cell(5, 7).GetValue<decimal>(), sheet.Cell(5, 8).GetValue<decimal>()).ShouldBe((1_400m, 950m, 450m));
    }

    [Fact]
    public async Task AManagersExportHoldsOnlyTheirRegion()
    {
        await SeedAsync();
        var manager = factory.Client(await factory.IssueKeyAsync(AppRoles.Manager, "华东", TimeSpan.FromHours(1)));

        using var book = Open(await manager.GetByteArrayAsync($"/api/v1/settlement/{Period}/tickets.xlsx"));

        var sheet = book.Worksheet(1);
        sheet.LastRowUsed()!.RowNumber().ShouldBe(3);
        sheet.Cell(2, 1).GetString().ShouldBe("T9300003");
    }

    [Theory]
    [InlineData(AppRoles.Dispatcher)]
    [InlineData(AppRoles.Technician)]
    [InlineData(AppRoles.Agent)]
    public async Task OtherRolesAreRefused(string role)
    {
        var client = factory.Client(await factory.IssueKeyAsync(role, "华东", TimeSpan.FromHours(1)));

        var response = await client.GetAsync($"/api/v1/settlement/{Period}/statement.xlsx");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task AMalformedPeriodIsNamedInAProblem()
    {
        var response = await factory.Client().GetAsync("/api/v1/settlement/2022-13/statement.xlsx");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("period");
    }

    [Fact]
    public async Task TheBrowserDownloadNeedsASignIn()
    {
        var response = await factory.Client(apiKey: null).GetAsync($"/settlement/{Period}/statement.xlsx");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("Login");
    }
}
