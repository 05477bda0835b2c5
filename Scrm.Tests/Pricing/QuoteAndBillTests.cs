using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Catalog;
using Scrm.App.Features.Pricing;
using Scrm.App.Features.Shared;
using Scrm.Domain.Common;
using Scrm.Domain.Pricing;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Pricing;

public sealed class QuoteAndBillTests(PricingHost app) : IClassFixture<PricingHost>
{
    [Fact]
    public async Task DemoSeedBringsAValidPriceBookCatalogueAndFinalBillsForClosedTickets()
    {
        var book = await app.Get<PriceBookStore>().CurrentAsync();
        book.Validate().ShouldBeEmpty();
        book.RuleCount.ShouldBeGreaterThan(100);
        (await app.Get<CatalogService>().PartsAsync()).Count.ShouldBe(DemoPricing.Parts.Length);

        await PricingHost.WaitUntilAsync(async () =>
        {
            await using var db = await app.DbAsync();
            // The seed's closed tickets were created at least a day ago; the other tests' tickets now.
            var cutoff = DateTimeOffset.UtcNow.AddHours(-20);
            var closed = await db.Tickets.Where(t => t.Status == TicketStatus.Closed && t.CreatedAt < cutoff).Select(t => t.Id).ToListAsync();
            var final = await db.TicketQuotes.CountAsync(q => closed.Contains(q.TicketId) && q.Status == QuoteStatus.Final && q.TotalFen > 0);
            return closed.Count > 0 && final == closed.Count;
        }, "every seeded closed ticket has a final bill");
        await using var check = await app.DbAsync();
        (await check.OutboxMessages.CountAsync(m => m.Type == nameof(BillFinalised))).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task AgentAddsLinesAndTheQuoteShowsTheRulesThatPricedThem()
    {
        var (ticketId, _) = await app.TicketAsync();

        var quote = await app.Quotes.AddLineAsync(TestApp.Agent, ticketId, new NewQuoteLine("ServiceItem", "SVC-AC-CLEAN", 1));
        quote = await app.Quotes.AddLineAsync(TestApp.Agent, ticketId, new NewQuoteLine("Part", "PT-AC-FILTER", 2, UnderWarranty: false));

        quote.Lines.Count.ShouldBe(2);
        var clean = quote.Lines[0];
        clean.Rules.Select(r => r.Code).ShouldContain("PL-E-AC-CLEAN");
        clean.Rules.Select(r => r.Code).ShouldContain("COEF-SH");
        clean.UnitPriceFen.ShouldBe(PriceEngine.Round(PriceEngine.Round(28000 * 1.10m) * 1.05m));
        // The city's coefficient applies to every line's unit price, parts too: ¥60 × 1.05 × 2.
        quote.Lines[1].NetFen.ShouldBe(12600);
        quote.TotalFen.ShouldBe(quote.Lines.Sum(l => l.NetFen));
        (await app.OutboxTypesAsync(ticketId)).ShouldContain(nameof(QuoteUpdated));
    }

    [Fact]
    public async Task AChangedQuoteReachesOpenPanelsThroughTheQuoteUpdatedEvent()
    {
        var (ticketId, _) = await app.TicketAsync();
        var heard = new System.Collections.Concurrent.ConcurrentBag<long>();
        using var subscription = app.Get<QuoteChanges>().Subscribe(id => { heard.Add(id); return Task.CompletedTask; });

        await app.Quotes.AddLineAsync(TestApp.Agent, ticketId, new NewQuoteLine("Labour", null, 1));

        await PricingHost.WaitUntilAsync(() => Task.FromResult(heard.Contains(ticketId)), "the panel hears of the change");
    }

    [Fact]
    public async Task RefusesBadLinesRolesAndOtherTechniciansTickets()
    {
        var (ticketId, tech) = await app.TicketAsync();
        var finance = TestApp.Scope("test-finance", "财务", AppRoles.Finance, allRegions: true);

        (await Should.ThrowAsync<InputRejectedException>(() => app.Quotes.AddLineAsync(TestApp.Agent, ticketId, new NewQuoteLine("Part", "PT-PP-10", 0))))
            .Errors.Single().Code.ShouldBe("Quote.BadQuantity");
        (await Should.ThrowAsync<InputRejectedException>(() => app.Quotes.AddLineAsync(TestApp.Agent, ticketId, new NewQuoteLine("Part", "NOPE", 1))))
            .Errors.Single().Code.ShouldBe("Quote.UnknownItem");
        (await Should.ThrowAsync<InputRejectedException>(() => app.Quotes.AddLineAsync(TestApp.Agent, ticketId, new NewQuoteLine("Gift", "X", 1))))
            .Errors.Single().Field.ShouldBe("kind");
        await Should.ThrowAsync<AccessDeniedException>(() => app.Quotes.AddLineAsync(finance, ticketId, new NewQuoteLine("Labour", null, 1)));
        await Should.ThrowAsync<NotFoundException>(() => app.Quotes.GetAsync(TestApp.Technician(tech + 1000, "华东"), ticketId));
        await Should.ThrowAsync<NotFoundException>(() => app.Quotes.GetAsync(TestApp.Dispatcher("华南"), ticketId));

        var own = await app.Quotes.AddLineAsync(TestApp.Technician(tech, "华东"), ticketId, new NewQuoteLine("Labour", null, 1.5m));
        own.Lines.Single().Rules.Select(r => r.Code).ShouldBe(["RATE-NORMAL", "COEF-SH"]);
        own.TotalFen.ShouldBe(12600);  // ¥80 an hour × 1.05 in 上海 × 1.5 h
    }

    [Fact]
    public async Task AcceptingRecordsTheCustomersYesAndAChangeAsksAgain()
    {
        var (ticketId, _) = await app.TicketAsync();
        await Should.ThrowAsync<DomainRuleException>(() => app.Quotes.AcceptAsync(TestApp.Agent, ticketId));
        await app.Quotes.AddLineAsync(TestApp.Agent, ticketId, new NewQuoteLine("ServiceItem", "SVC-INSPECT", 1));

        (await app.Quotes.AcceptAsync(TestApp.Agent, ticketId)).Status.ShouldBe(QuoteStatus.Accepted);
        (await app.Quotes.AddLineAsync(TestApp.Agent, ticketId, new NewQuoteLine("Labour", null, 1))).Status.ShouldBe(QuoteStatus.Draft);
    }

    [Fact]
    public async Task ClosingFinalisesTheBillDeductsStockAndAPriceChangeNeverChangesIt()
    {
        var warehouse = await app.SetRegionStockAsync("华东", "PT-ICE-PUMP", 12, 10);
        var (ticketId, _) = await app.TicketAsync(TicketStatus.Resolved);
        await app.Quotes.AddLineAsync(TestApp.Agent, ticketId, new NewQuoteLine("ServiceItem", "SVC-ICE-REPAIR", 1));
        await app.Quotes.AddLineAsync(TestApp.Agent, ticketId, new NewQuoteLine("Part", "PT-ICE-PUMP", 3, UnderWarranty: false));

        await app.Tickets.TransitionAsync(TestApp.Admin, ticketId, TicketStatus.Closed, "完工");
        await PricingHost.WaitUntilAsync(async () => (await app.QuoteRowAsync(ticketId))?.Status == QuoteStatus.Final, "the bill is final");

        var bill = await app.Quotes.GetAsync(TestApp.Admin, ticketId);
        bill.Status.ShouldBe(QuoteStatus.Final);
        (await app.StockAsync(warehouse, "PT-ICE-PUMP")).ShouldBe(9);
        var types = await app.OutboxTypesAsync(ticketId);
        types.ShouldContain(nameof(BillFinalised));
        types.ShouldContain(nameof(StockBelowReorderPoint));
        (await app.Get<CatalogService>().OpenReplenishmentsAsync(TestApp.Admin)).ShouldContain(r => r.Sku == "PT-ICE-PUMP" && r.Region == "华东");
        await using (var db = await app.DbAsync())
        {
            var finalised = await db.OutboxMessages.Where(m => m.AggregateId == ticketId && m.Type == nameof(BillFinalised)).SingleAsync();
            finalised.Payload.ShouldContain($"\"totalFen\":{bill.TotalFen}");
            finalised.Payload.ShouldContain("\"costFen\":87000");  // 1.5 h at ¥60 + 3 pumps at ¥260 cost
        }

        // The price book changes; the final bill does not, and neither does a redelivered Closed event.
        var store = app.Get<PriceBookStore>();
        var rule = (await store.RulesAsync(TestApp.Admin)).Single(r => r.Code == "PL-E-ICE-REPAIR");
        await store.SaveAsync(TestApp.Admin, rule.Id, ((PriceListEntry)rule.Rule) with { UnitPriceFen = 99900 }, rule.Version);
        await using (var db = await app.DbAsync())
            (await BillFinaliser.FinaliseAsync(db, store, ticketId, DateTimeOffset.UtcNow, default)).ShouldBeFalse();
        var again = await app.Quotes.GetAsync(TestApp.Admin, ticketId);
        again.TotalFen.ShouldBe(bill.TotalFen);
        again.Lines.Select(l => l.NetFen).ShouldBe(bill.Lines.Select(l => l.NetFen));
        await Should.ThrowAsync<DomainRuleException>(() => app.Quotes.AddLineAsync(TestApp.Agent, ticketId, new NewQuoteLine("Labour", null, 1)));
        await store.SaveAsync(TestApp.Admin, rule.Id, (PriceListEntry)rule.Rule, rule.Version + 1);
    }

    [Fact]
    public async Task ACorrectionIsACreditLineThatRaisesBillCredited()
    {
        var (ticketId, _) = await app.TicketAsync(TicketStatus.Resolved);
        await app.Quotes.AddLineAsync(TestApp.Agent, ticketId, new NewQuoteLine("ServiceItem", "SVC-INSPECT", 1));
        await app.Tickets.TransitionAsync(TestApp.Admin, ticketId, TicketStatus.Closed, "完工");
        await PricingHost.WaitUntilAsync(async () => (await app.QuoteRowAsync(ticketId))?.Status == QuoteStatus.Final, "the bill is final");
        var finance = TestApp.Scope("test-finance", "财务", AppRoles.Finance, allRegions: true);

        var corrected = await app.Quotes.CreditAsync(finance, ticketId, new NewBillCredit(-5000, "客户投诉，减免 ¥50"));

        corrected.Credits.Single().AmountFen.ShouldBe(-5000);
        corrected.PayableFen.ShouldBe(corrected.TotalFen - 5000);
        (await app.OutboxTypesAsync(ticketId)).ShouldContain(nameof(BillCredited));
        await Should.ThrowAsync<AccessDeniedException>(() => app.Quotes.CreditAsync(TestApp.Agent, ticketId, new NewBillCredit(-1, "x")));
    }

    [Fact]
    public async Task SavingARuleThatBreaksTheBookIsRefusedWithTheReason()
    {
        var store = app.Get<PriceBookStore>();
        var clash = new Promotion("PROMO-TEST-CLASH", "春季空调清洗 8 折", "空调清洗", 20m,
            new ValidityWindow(new DateTimeOffset(2027, 3, 15, 0, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2027, 4, 15, 0, 0, 0, TimeSpan.FromHours(8))));

        var refused = await Should.ThrowAsync<InputRejectedException>(() => store.SaveAsync(TestApp.Admin, null, clash, null));
        refused.Errors.Single().Code.ShouldBe("Pricing.PromotionOverlap");
        await Should.ThrowAsync<AccessDeniedException>(() => store.SaveAsync(TestApp.Scope("m", "华南经理", AppRoles.Manager, false, "华南"), null,
            new PriceListEntry("PL-TEST-EAST", "SVC-INSPECT", 100, Region: "华东", City: "杭州"), null));
        var manager = TestApp.Scope("m", "华东经理", AppRoles.Manager, false, "华东");
        var saved = await store.SaveAsync(manager, null, new PriceListEntry("PL-TEST-HZ", "SVC-INSPECT", 15000, Region: "华东", City: "杭州"), null);
        saved.Region.ShouldBe("华东");
        await store.DeleteAsync(manager, saved.Id);
    }
}
