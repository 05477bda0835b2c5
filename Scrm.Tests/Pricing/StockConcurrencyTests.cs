using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Catalog;
using Scrm.App.Features.Pricing;
using Scrm.Domain.Pricing;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Pricing;

public sealed class StockConcurrencyTests(PricingHost app) : IClassFixture<PricingHost>
{
    [Fact]
    public async Task ManyParallelCompletionsNeverTakeStockBelowZeroNorLoseADeduction()
    {
        const int stock = 7, completions = 20;
        var warehouse = await app.SetRegionStockAsync("华南", "PT-DISH-HEATER", stock, 3);
        var tickets = new List<long>();
        for (var i = 0; i < completions; i++)
        {
            var (id, _) = await app.TicketAsync(TicketStatus.Resolved, "广州");
            await app.Quotes.AddLineAsync(TestApp.Agent, id, new NewQuoteLine("Part", "PT-DISH-HEATER", 1, UnderWarranty: false));
            tickets.Add(id);
        }
        var writes = app.Get<WritePath>();
        var books = app.Get<PriceBookStore>();

        // Completions race through the write path, as the handler runs them.
        await Task.WhenAll(tickets.Select(id => Task.Run(() =>
            writes.RunAsync(AccessScope.System, (db, ct) => BillFinaliser.FinaliseAsync(db, books, id, DateTimeOffset.UtcNow, ct)))));

        (await app.StockAsync(warehouse, "PT-DISH-HEATER")).ShouldBe(0);
        await using var check = await app.DbAsync();
        var final = await check.TicketQuotes.CountAsync(q => tickets.Contains(q.TicketId) && q.Status == QuoteStatus.Final);
        final.ShouldBe(completions);
        (await check.ReplenishmentTasks.CountAsync(t => t.WarehouseId == warehouse && t.Status == ReplenishmentStatus.Open)).ShouldBe(1);
    }

    [Fact]
    public async Task TheConditionalUpdateAloneKeepsStockAtZeroWithoutTheWriteGate()
    {
        const int stock = 5, takers = 16;
        var warehouse = await app.SetRegionStockAsync("西南", "PT-SPO2", stock, 0);
        long partId;
        await using (var db = await app.DbAsync()) partId = await db.Parts.Where(p => p.Sku == "PT-SPO2").Select(p => p.Id).SingleAsync();

        // Each taker on its own context and transaction, bypassing the gate: only the UPDATE's WHERE protects the stock.
        var results = await Task.WhenAll(Enumerable.Range(0, takers).Select(i => Task.Run(async () =>
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await using var db = await app.DbAsync();
                    await using var tx = await db.Database.BeginTransactionAsync();
                    var taken = await StockLedger.TakeAsync(db, partId, 1, null, "西南", 0, DateTimeOffset.UtcNow, default);
                    await db.SaveChangesAsync();
                    await tx.CommitAsync();
                    return taken.WarehouseId;
                }
                catch (Microsoft.Data.Sqlite.SqliteException) when (attempt < 50)
                {
                    await Task.Delay(10);
                }
            }
        })));

        results.Count(w => w == warehouse).ShouldBe(stock);
        results.Count(w => w is null).ShouldBe(takers - stock);
        (await app.StockAsync(warehouse, "PT-SPO2")).ShouldBe(0);
    }
}
