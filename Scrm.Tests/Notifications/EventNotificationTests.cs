using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.App.Features.Notifications;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Common;
using Scrm.Domain.Geo;
using Scrm.Domain.Notifications;
using Scrm.Domain.Pricing;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Notifications;

/// <summary>
/// The events beyond the ticket's own moves, each built here and given to the handler as the dispatcher would: SLA
/// warnings and breaches, quotes (one message per burst of edits), quote thresholds and stock alerts (no ticket); and
/// batches, which share one write and still queue each message once.
/// </summary>
[Collection(NotificationCollection.Name)]
public sealed class EventNotificationTests(NotificationHost app)
{
    private TicketNotifications Handler => app.Get<TicketNotifications>();

    private static EventDelivery Delivery => new(nameof(TicketNotifications), 0, 1);

    private async Task<TicketDetail> EastTicketAsync(bool assigned = false)
    {
        app.Clock.Now = app.Clock.Now.AddMinutes(1);
        var ticket = (await app.Tickets.CreateAsync(TestApp.Admin, TestApp.NewRequest("上海", TestApp.Marker("事件通知")))).Ticket;
        if (!assigned) return ticket;
        long technician;
        await using (var db = await app.DbAsync())
            technician = await db.Technicians.Where(t => t.Region == Regions.East && t.UserId != null).OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
        return await app.Tickets.AssignAsync(TestApp.Admin, ticket.Row.Id, technician, null);
    }

    private T OnTicket<T>(T e, TicketDetail ticket) where T : TicketDomainEvent =>
        e with { AggregateId = ticket.Row.Id, Number = ticket.Row.Number, Region = ticket.Row.Region, Status = ticket.Row.Status, OccurredAt = app.Clock.Now };

    private async Task<List<string>> UserIdsInRoleAsync(string role, string region)
    {
        await using var db = await app.DbAsync();
        return await (from u in db.Users
                      join ur in db.UserRoles on u.Id equals ur.UserId
                      join r in db.Roles on ur.RoleId equals r.Id
                      where r.Name == role && db.UserClaims.Any(c => c.UserId == u.Id && c.ClaimType == AccessScope.RegionClaim
                          && (c.ClaimValue == region || c.ClaimValue == AccessScope.AllRegionsValue))
                      select u.Id).ToListAsync();
    }

    [Fact]
    public async Task AnSlaWarningReachesTheAssigneeAndTheRegionsDispatchers()
    {
        var ticket = await EastTicketAsync(assigned: true);
        var warning = OnTicket(new TicketSlaWarning("解决", 80, app.Clock.Now.AddHours(1)), ticket);

        await Handler.HandleAsync(warning, Delivery, CancellationToken.None);

        var rows = await app.DeliveriesAsync(q => q.Where(d => d.EventId == warning.EventId));
        rows.ShouldAllBe(r => r.RuleKey == "sla-warning");
        rows.Select(r => r.RecipientKind).Distinct().OrderBy(k => k).ShouldBe([RecipientKind.Assignee, RecipientKind.Dispatcher]);
        var dispatchers = await UserIdsInRoleAsync(AppRoles.Dispatcher, Regions.East);
        rows.Where(r => r.Channel == NotificationChannel.InApp && r.RecipientKind == RecipientKind.Dispatcher).Select(r => r.Address)
            .ShouldBe(dispatchers, ignoreOrder: true);
        rows.First(r => r.Channel == NotificationChannel.InApp).Body.ShouldContain($"工单 {ticket.Row.Number} 的 解决 时限已用 80%");
    }

    [Fact]
    public async Task AnSlaBreachReachesDispatchersAndTheRegionsManagerUrgently()
    {
        var ticket = await EastTicketAsync();
        var breach = OnTicket(new TicketSlaBreached("响应", app.Clock.Now.AddMinutes(-5), app.Clock.Now), ticket);

        await Handler.HandleAsync(breach, Delivery, CancellationToken.None);

        var rows = await app.DeliveriesAsync(q => q.Where(d => d.EventId == breach.EventId));
        rows.Select(r => r.RecipientKind).Distinct().OrderBy(k => k).ShouldBe([RecipientKind.Manager, RecipientKind.Dispatcher]);
        rows.ShouldAllBe(r => r.Urgent && r.RuleKey == "sla-breach");
        var managers = await UserIdsInRoleAsync(AppRoles.Manager, Regions.East);
        rows.Where(r => r.RecipientKind == RecipientKind.Manager).Select(r => r.RecipientKey).Distinct().ShouldBe(managers, ignoreOrder: true);
    }

    [Fact]
    public async Task ABurstOfQuoteEditsSendsTheCustomerOneMessageWithTheSettledTotal()
    {
        var ticket = await EastTicketAsync();
        QuoteUpdated Edit(long totalFen) => new(ticket.Row.Id, ticket.Row.Region, totalFen) { AggregateId = ticket.Row.Id, OccurredAt = app.Clock.Now };

        await Handler.HandleAsync(Edit(0), Delivery, CancellationToken.None);                  // an empty quote is not news
        (await app.DeliveriesAsync(q => q.Where(d => d.TicketId == ticket.Row.Id && d.RuleKey == "customer-quote-ready"))).ShouldBeEmpty();
        await Handler.HandleAsync(Edit(18000), Delivery, CancellationToken.None);
        app.Clock.Now = app.Clock.Now.AddSeconds(30);
        await Handler.HandleAsync(Edit(26500), Delivery, CancellationToken.None);
        // Two more edits in one batch, as a busy outbox hands them over.
        await Handler.HandleBatchAsync([new StoredEvent(1, nameof(QuoteUpdated), Edit(30000)), new StoredEvent(2, nameof(QuoteUpdated), Edit(31250))],
            nameof(TicketNotifications), CancellationToken.None);

        var sms = (await app.DeliveriesAsync(q => q.Where(d => d.TicketId == ticket.Row.Id && d.RuleKey == "customer-quote-ready"))).ShouldHaveSingleItem();
        sms.Channel.ShouldBe(NotificationChannel.Sms);
        sms.Body.ShouldStartWith("【Scrm】您的工单报价为 ¥312.50，请查看并确认。");
        sms.Body.ShouldContain("/t/");
        // It waits out the burst's window (3 minutes from the first edit), so what goes out is the settled total.
        sms.NextAttemptAt.ShouldBeGreaterThanOrEqualTo(app.Clock.Now.AddSeconds(-30).AddMinutes(3));

        // A change long after the burst is a new quote to accept: a second message.
        app.Clock.Now = app.Clock.Now.AddMinutes(10);
        await Handler.HandleAsync(Edit(40000), Delivery, CancellationToken.None);
        (await app.DeliveriesAsync(q => q.Where(d => d.TicketId == ticket.Row.Id && d.RuleKey == "customer-quote-ready"))).Count.ShouldBe(2);
    }

    [Fact]
    public async Task AQuoteOverItsThresholdTellsTheRegionsManager()
    {
        var ticket = await EastTicketAsync();
        var reached = new QuoteThresholdReached(ticket.Row.Id, ticket.Row.Region, "gold-3000", "金牌服务通道", "总额超过 ¥3,000", 356000)
            { AggregateId = ticket.Row.Id, OccurredAt = app.Clock.Now };

        await Handler.HandleAsync(reached, Delivery, CancellationToken.None);

        var rows = await app.DeliveriesAsync(q => q.Where(d => d.EventId == reached.EventId));
        rows.ShouldNotBeEmpty();
        rows.ShouldAllBe(r => r.RecipientKind == RecipientKind.Manager && r.RuleKey == "manager-quote-threshold");
        rows.First(r => r.Channel == NotificationChannel.InApp).Subject.ShouldBe($"大额报价：{ticket.Row.Number} ¥3,560.00");
    }

    [Fact]
    public async Task StockBelowItsReorderPointReachesTheRegionsWarehouseKeepersInAppAndByEmail()
    {
        var low = new StockBelowReorderPoint(3, "上海浦东仓", Regions.East, "FLT-0042 滤芯", 2, 10, 77) { AggregateId = 3, OccurredAt = app.Clock.Now };

        await Handler.HandleAsync(low, Delivery, CancellationToken.None);

        var rows = await app.DeliveriesAsync(q => q.Where(d => d.EventId == low.EventId));
        rows.Select(r => r.Channel).OrderBy(c => c).ShouldBe([NotificationChannel.InApp, NotificationChannel.Email]);
        rows.ShouldAllBe(r => r.TicketId == null && r.Region == Regions.East && r.RecipientName == "华东仓管 孙强");
        rows.Single(r => r.Channel == NotificationChannel.Email).Address.ShouldBe("warehouse.east@demo.scrm");
        await using var db = await app.DbAsync();
        var item = await db.NotificationInbox.SingleAsync(i => i.EventId == low.EventId);
        (item.TicketId, item.Subject).ShouldBe(((long?)null, "补货提醒：FLT-0042 滤芯"));
        item.Body.ShouldBe("上海浦东仓 的 FLT-0042 滤芯 仅剩 2 件，低于补货点 10，已生成补货任务。");
    }

    [Fact]
    public async Task ABatchOfNewTicketsIsQueuedInOneGoAndARedeliveredBatchQueuesNothingTwice()
    {
        var tickets = new List<TicketDetail>();
        for (var i = 0; i < 3; i++) tickets.Add(await EastTicketAsync());
        await app.CaughtUpAsync();
        // The same tickets' creations again, as new events (new ids): the handler takes all three in one batch.
        var events = tickets.Select((t, i) => new StoredEvent(i + 1, nameof(TicketCreated), OnTicket(
            new TicketCreated(TicketType.Repair, TicketPriority.Normal, t.CustomerId, "上海"), t))).ToList();
        var cache = app.Get<NotificationRuleCache>();
        await cache.ForAsync(NotificationEvent.Created, CancellationToken.None);
        var reads = cache.Reads;

        await Handler.HandleBatchAsync(events, nameof(TicketNotifications), CancellationToken.None);
        await Handler.HandleBatchAsync(events, nameof(TicketNotifications), CancellationToken.None);
        await Handler.HandleBatchAsync(events, "replayed-elsewhere", CancellationToken.None);

        var ids = events.Select(e => e.Event.EventId).ToList();
        var rows = await app.DeliveriesAsync(q => q.Where(d => ids.Contains(d.EventId)));
        foreach (var e in events)
        {
            var mine = rows.Where(r => r.EventId == e.Event.EventId).ToList();
            mine.Count(r => r.RuleKey == "customer-created").ShouldBe(1);
            mine.Count(r => r.RuleKey == "dispatcher-created").ShouldBe((await UserIdsInRoleAsync(AppRoles.Dispatcher, Regions.East)).Count);
        }
        // The rules came from the cache: no read of the rules table for these events.
        cache.Reads.ShouldBe(reads);
    }

    [Fact]
    public async Task SavingARuleClearsTheCache()
    {
        var cache = app.Get<NotificationRuleCache>();
        var rule = (await cache.ForAsync(NotificationEvent.StockLow, CancellationToken.None)).Single(r => r.Key == "warehouse-stock-low");
        var reads = cache.Reads;

        (await app.Get<NotificationService>().SaveRuleAsync(TestApp.Admin, rule with { Name = "仓管：库存告急" })).ShouldBeEmpty();

        (await cache.ForAsync(NotificationEvent.StockLow, CancellationToken.None)).Single(r => r.Key == "warehouse-stock-low").Name.ShouldBe("仓管：库存告急");
        cache.Reads.ShouldBe(reads + 1);
        await app.Get<NotificationService>().SaveRuleAsync(TestApp.Admin, rule);
    }
}
