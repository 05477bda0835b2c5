using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.App.Features.Settlement;
using Scrm.Domain.Common;
using Scrm.Domain.Pricing;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Settlement;

/// <summary>Bill events as pricing raises them, and ways to hand them to settlement: straight to its handler, or through the outbox.</summary>
public static class SettlementKit
{
    private static long _ticket = 8_000_000 + Environment.ProcessId % 1000 * 10_000;

    public static long NewTicketId() => Interlocked.Increment(ref _ticket);

    /// <summary>Noon (Shanghai) on <paramref name="day"/> of the month.</summary>
    public static DateTimeOffset At(int year, int month, int day = 10, int hour = 12) => new(year, month, day, hour, 0, 0, TimeSpan.FromHours(8));

    public static BillFinalised Bill(DateTimeOffset at, long technicianId, long totalFen, long costFen = 0, string region = "华东", string city = "上海",
        long? parentTicketId = null, long? ticketId = null)
    {
        var id = ticketId ?? NewTicketId();
        return new BillFinalised(id, $"T{id}", region, city, TicketType.Repair, 1, technicianId, parentTicketId, totalFen, 0, 0, 0, totalFen, costFen, at)
        {
            AggregateId = id,
            OccurredAt = at,
        };
    }

    public static BillCredited Credit(BillFinalised bill, DateTimeOffset at, long amountFen, string reason = "客户投诉，退还部分工时费") =>
        new(bill.TicketId, bill.TicketNumber, bill.Region, bill.TechnicianId, amountFen, 0, reason, at) { AggregateId = bill.TicketId, OccurredAt = at };

    /// <summary>Delivers <paramref name="events"/> to the settlement handler, as the dispatcher would (attempt 1).</summary>
    public static async Task DeliverAsync(this TestApp app, params DomainEvent[] events)
    {
        var recorder = app.Get<SettlementRecorder>();
        foreach (var e in events)
        {
            var delivery = new EventDelivery(nameof(SettlementRecorder), 0, 1);
            await (e switch
            {
                BillFinalised b => recorder.HandleAsync(b, delivery, CancellationToken.None),
                BillCredited c => recorder.HandleAsync(c, delivery, CancellationToken.None),
                _ => throw new ArgumentException(e.GetType().Name),
            });
        }
    }

    /// <summary>Stores <paramref name="events"/> in the outbox through the write path, as the pricing module's bills will.</summary>
    public static Task PublishAsync(this TestApp app, params DomainEvent[] events)
    {
        var types = app.Get<EventTypes>();
        return app.Get<WritePath>().RunAsync(AccessScope.System, (db, _) =>
        {
            foreach (var e in events) db.OutboxMessages.Add(types.ToMessage(e, e.AggregateId));
            return Task.FromResult(true);
        });
    }

    public static async Task<List<SettlementLine>> LinesAsync(this TestApp app, long ticketId)
    {
        await using var db = await app.DbAsync();
        return await db.SettlementLines.AsNoTracking().Include(l => l.Shares).Where(l => l.TicketId == ticketId).OrderBy(l => l.Id).ToListAsync();
    }

    public static AccessScope Finance { get; } = TestApp.Scope("test-finance", "测试财务", AppRoles.Finance, allRegions: true);

    public static AccessScope Manager(string region) => TestApp.Scope($"test-manager-{region}", $"{region}经理", AppRoles.Manager, allRegions: false, region);
}
