using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.App.Features.Notifications;
using Scrm.App.Features.Tickets;
using Scrm.App.Features.Timers;
using Scrm.Domain.Common;
using Scrm.Domain.Geo;
using Scrm.Domain.Notifications;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;
using Scrm.Tests.Timers;

namespace Scrm.Tests.Notifications;

/// <summary>Ticket events become deliveries: matched by the demo rules, once per event, held for quiet hours.</summary>
[Collection(NotificationCollection.Name)]
public sealed class NotificationHandlerTests(NotificationHost app)
{
    private async Task<TicketDetail> CreateEastTicketAsync()
    {
        app.Clock.Now = app.Clock.Now.AddMinutes(1);
        return (await app.Tickets.CreateAsync(TestApp.Admin, TestApp.NewRequest("上海", TestApp.Marker("通知")))).Ticket;
    }

    [Fact]
    public async Task ACreatedTicketQueuesTheCustomersSmsAndTheRegionsDispatcherInbox()
    {
        var ticket = await CreateEastTicketAsync();
        await app.CaughtUpAsync();

        var rows = await app.DeliveriesAsync(q => q.Where(d => d.TicketId == ticket.Row.Id));
        var sms = rows.Where(r => r.RuleKey == "customer-created").ShouldHaveSingleItem();
        sms.Channel.ShouldBe(NotificationChannel.Sms);
        sms.Status.ShouldBe(DeliveryStatus.Pending);
        // The progress link is sent on creation: the tracking module's link for this very ticket.
        sms.Body.ShouldMatch($"^【Scrm】您的报修单 {ticket.Row.Number} 已受理，我们会尽快安排技师。\n查看进度：http://[^/]+/t/[A-Za-z0-9_-]{{22}}$");
        var inApp = rows.Single(r => r.RuleKey == "dispatcher-created");
        (inApp.Channel, inApp.Status, inApp.RecipientName).ShouldBe((NotificationChannel.InApp, DeliveryStatus.Sent, "华东调度 李娜"));
        await using var db = await app.DbAsync();
        (await db.NotificationInbox.SingleAsync(i => i.DeliveryId == inApp.Id)).Subject.ShouldBe($"新工单待派：{ticket.Row.Number}");
        // The South dispatcher hears nothing of an East ticket.
        rows.ShouldNotContain(r => r.RecipientName == "华南调度 陈杰");
    }

    [Fact]
    public async Task EachTicketOfABatchGetsItsOwnProgressLink()
    {
        var first = await CreateEastTicketAsync();
        var second = await CreateEastTicketAsync();
        await app.CaughtUpAsync();
        StoredEvent Created(TicketDetail t, long position) => new(position, nameof(TicketCreated),
            new TicketCreated(TicketType.Repair, TicketPriority.Normal, t.CustomerId, "上海")
            {
                AggregateId = t.Row.Id, Number = t.Row.Number, Region = Regions.East, OccurredAt = app.Clock.Now,
            });

        // Both in one batch, as a burst of new tickets arrives: their links are read together, not ticket by ticket.
        await app.Get<TicketNotifications>().HandleBatchAsync([Created(first, 0), Created(second, 0)], "batch-of-two", CancellationToken.None);

        var links = app.Get<Scrm.App.Features.Tracking.TrackingLinks>();
        foreach (var t in new[] { first, second })
        {
            var link = await links.LinkForAsync(t.Row.Id, CancellationToken.None);
            var sms = await app.DeliveriesAsync(q => q.Where(d => d.TicketId == t.Row.Id && d.RuleKey == "customer-created"));
            sms.Count.ShouldBe(2);
            sms.ShouldAllBe(d => d.Body.EndsWith(link!));
        }
    }

    [Fact]
    public async Task AnEventDeliveredTwiceQueuesEachMessageOnce()
    {
        var ticket = await CreateEastTicketAsync();
        await app.CaughtUpAsync();
        var before = await app.DeliveriesAsync(q => q.Where(d => d.TicketId == ticket.Row.Id));
        var eventId = before[0].EventId;
        var again = new TicketCreated(TicketType.Repair, TicketPriority.Normal, ticket.CustomerId, "上海")
        {
            EventId = eventId, AggregateId = ticket.Row.Id, Number = ticket.Row.Number, Region = Regions.East, OccurredAt = app.Clock.Now,
        };
        var handler = app.Get<TicketNotifications>();

        // As the dispatcher redelivers it (same handler: the processed-event record stops it) ...
        await handler.HandleAsync(again, new EventDelivery(nameof(TicketNotifications), 0, 2), CancellationToken.None);
        // ... and as if that record were lost (the dedup key stops it).
        await handler.HandleAsync(again, new EventDelivery("replayed-elsewhere", 0, 1), CancellationToken.None);

        var after = await app.DeliveriesAsync(q => q.Where(d => d.TicketId == ticket.Row.Id));
        after.Select(d => d.Id).ShouldBe(before.Select(d => d.Id));
        await using var db = await app.DbAsync();
        (await db.NotificationInbox.CountAsync(i => i.EventId == eventId)).ShouldBe(1);
    }

    [Fact]
    public async Task AtNightTheCustomersSmsWaitsUntilEightWhileTheInAppMessageGoesAtOnce()
    {
        var night = NotificationHost.Start.AddDays(7).Date;   // a later day, so earlier tests' rows do not rate-limit this one
        app.Clock.Now = new DateTimeOffset(night.AddHours(23).AddMinutes(59), TimeSpan.FromHours(8));
        var ticket = (await app.Tickets.CreateAsync(TestApp.Admin, TestApp.NewRequest("杭州", TestApp.Marker("夜间")))).Ticket;
        await app.CaughtUpAsync();

        var rows = await app.DeliveriesAsync(q => q.Where(d => d.TicketId == ticket.Row.Id));
        rows.Single(r => r.Channel == NotificationChannel.Sms).NextAttemptAt.ShouldBe(new DateTimeOffset(night.AddDays(1).AddHours(8), TimeSpan.FromHours(8)));
        rows.Single(r => r.Channel == NotificationChannel.InApp).SentAt.ShouldBe(app.Clock.Now);
        app.Clock.Now = app.Clock.Now.AddHours(10);
    }

    [Fact]
    public async Task AVoiceEscalationCallsAgainUntilTheManagerAcknowledges()
    {
        var ticket = await CreateEastTicketAsync();
        await app.Get<WritePath>().RunAsync(AccessScope.System, async (db, ct) =>
        {
            var t = await db.Tickets.SingleAsync(x => x.Id == ticket.Row.Id, ct);
            t.RecordEscalation("sla", "VoiceCall", AppRoles.Manager, "解决 SLA 已用 150%", Actor.System, app.Clock.Now);
            return true;
        });
        await app.CaughtUpAsync();
        var voice = (await app.DeliveriesAsync(q => q.Where(d => d.TicketId == ticket.Row.Id && d.Channel == NotificationChannel.Voice))).ShouldHaveSingleItem();
        voice.Urgent.ShouldBeTrue();
        await using (var db = await app.DbAsync())
            (await db.NotificationInbox.SingleAsync(i => i.EventId == voice.EventId)).NeedsAcknowledgement.ShouldBeTrue();

        // Five minutes without an answer: the timer queues the second call.
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await TimerKit.DrainAsync(app.Get<TimerWorker>());
        (await app.DeliveriesAsync(q => q.Where(d => d.EventId == voice.EventId && d.Channel == NotificationChannel.Voice))).Count.ShouldBe(2);

        // The manager presses "acknowledge" in the bell: no third call.
        InboxItem item;
        await using (var db = await app.DbAsync()) item = await db.NotificationInbox.SingleAsync(i => i.EventId == voice.EventId);
        var manager = TestApp.Scope(item.UserId, "华东经理 周明", AppRoles.Manager, false, Regions.East);
        (await app.Get<NotificationService>().AcknowledgeAsync(manager, item.Id)).ShouldBeTrue();
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await TimerKit.DrainAsync(app.Get<TimerWorker>());
        (await app.DeliveriesAsync(q => q.Where(d => d.EventId == voice.EventId && d.Channel == NotificationChannel.Voice))).Count.ShouldBe(2);
    }

    [Fact]
    public async Task SomeoneElsesInboxItemCannotBeAcknowledged()
    {
        await using var db = await app.DbAsync();
        var item = await db.NotificationInbox.FirstAsync();
        var stranger = TestApp.Scope("someone-else", "路人", AppRoles.Dispatcher, false, Regions.South);
        (await app.Get<NotificationService>().AcknowledgeAsync(stranger, item.Id)).ShouldBeFalse();
    }
}

[CollectionDefinition(Name)]
public sealed class NotificationCollection : ICollectionFixture<NotificationHost>
{
    public const string Name = "notification host";
}
