using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.App.Features.Catalog;
using Scrm.Domain.Common;
using Scrm.Domain.Pricing;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Pricing;

/// <summary>
/// Makes the bill final when a ticket is Closed (the repair flow's 结算; a Resolved ticket may still be reopened and
/// re-quoted — ADR 0017): prices the quote one last time, copies every priced line into the bill, takes the parts
/// out of stock and raises BillFinalised, all in one transaction. Once final, nothing here touches it again.
/// </summary>
public sealed class BillFinaliser(IDbContextFactory<ScrmDbContext> dbFactory, WritePath writes, PriceBookStore books) : IEventHandler<TicketStatusChanged>, IPositionedEventHandler
{
    public async Task HandleAsync(TicketStatusChanged e, EventDelivery delivery, CancellationToken ct)
    {
        if (e.To != TicketStatus.Closed) return;
        // A final bill is its own record of having been done (the demo seed finalises its history itself): a read
        // instead of a write transaction through the gate for each of them.
        await using (var db = await dbFactory.CreateForAsync(AccessScope.System, ct))
            if (await db.TicketQuotes.AnyAsync(q => q.TicketId == e.AggregateId && q.Status == QuoteStatus.Final, ct)) return;
        await writes.RunOnceAsync(delivery, e, (db, token) => FinaliseAsync(db, books, e.AggregateId, e.OccurredAt, token), ct);
    }

    /// <summary>Finalises the bill of <paramref name="ticketId"/> in <paramref name="db"/>'s transaction; false when it already was.</summary>
    public static async Task<bool> FinaliseAsync(ScrmDbContext db, PriceBookStore books, long ticketId, DateTimeOffset at, CancellationToken ct)
    {
        var ticket = await db.Tickets.IgnoreQueryFilters().FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null) return false;
        var quote = await db.TicketQuotes.Include(q => q.Lines).FirstOrDefaultAsync(q => q.TicketId == ticketId, ct);
        if (quote is { Status: QuoteStatus.Final }) return false;
        if (quote is null)
        {
            quote = new TicketQuote { TicketId = ticketId, Region = ticket.Region, Urgency = PricingContexts.UrgencyOf(ticket.Priority) };
            db.TicketQuotes.Add(quote);
        }
        var lines = quote.Lines.OrderBy(l => l.Id).ToList();
        var context = await PricingContexts.ForAsync(db, ticket, quote.Urgency, ct);
        var priced = PriceEngine.Quote(await books.CurrentAsync(ct), context, lines.Select(l => l.ToInput()).ToList());

        // Stock first: the replenishment tasks need their ids before their events are raised.
        var taken = new List<StockTaken>();
        if (!quote.StockSettled)
        {
            foreach (var line in lines.Where(l => l is { Kind: LineKind.Part, PartId: not null }))
                taken.Add(await StockLedger.TakeAsync(db, line.PartId!.Value, (int)Math.Ceiling(line.Quantity), ticket.AssigneeId, ticket.Region, ticketId, at, ct));
            quote.StockSettled = true;
            if (taken.Any(t => t.OpenedTask is not null)) await db.SaveChangesAsync(ct);
        }

        long cost = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var (line, p) = (lines[i], priced.Lines[i]);
            (line.UnitPriceFen, line.GrossFen, line.DiscountFen, line.NetFen) = (p.UnitPriceFen, p.GrossFen, p.DiscountFen, p.NetFen);
            line.RulesJson = DomainJson.Serialize(p.Rules);
            cost += PriceEngine.Round(line.UnitCostFen * line.Quantity);
        }
        (quote.LabourFen, quote.PartsFen, quote.OtherFen, quote.DiscountFen, quote.TotalFen, quote.CostFen) =
            (priced.LabourFen, priced.PartsFen, priced.OtherFen, priced.DiscountFen, priced.TotalFen, cost);
        quote.Flags = string.Join(",", priced.Flags);
        quote.Status = QuoteStatus.Final;
        quote.FinalisedAt = at;
        quote.Version++;

        var warehouseNames = await db.Warehouses.AsNoTracking().ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        foreach (var task in taken.Select(t => t.OpenedTask).OfType<ReplenishmentTask>())
            quote.Raise(StockLedger.EventFor(task, warehouseNames.GetValueOrDefault(task.WarehouseId, "")));
        quote.Raise(new BillFinalised(ticketId, ticket.Number, ticket.Region, ticket.City, ticket.Type, ticket.CustomerId, ticket.AssigneeId,
            ticket.ParentTicketId, priced.LabourFen, priced.PartsFen, priced.OtherFen, priced.DiscountFen, priced.TotalFen, cost, at) { OccurredAt = at });
        return true;
    }
}
