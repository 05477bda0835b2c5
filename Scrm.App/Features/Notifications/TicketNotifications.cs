using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.App.Features.Timers;
using Scrm.Domain.Common;
using Scrm.Domain.Notifications;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Notifications;

/// <summary>
/// Turns ticket events into deliveries: matches the rules, resolves recipients, renders templates in their language,
/// holds non-urgent messages for quiet hours and rate limits, and writes the rows (and in-app inbox items) through
/// <see cref="WritePath.RunOnceAsync(EventDelivery, DomainEvent, Func{ScrmDbContext, CancellationToken, Task}, CancellationToken)"/>:
/// in the transaction that records the event as processed, so a redelivered event queues nothing twice.
/// </summary>
public sealed class TicketNotifications(WritePath writes, IDbContextFactory<ScrmDbContext> dbFactory, RecipientResolver resolver,
    Tracking.TrackingLinks trackingLinks, DueTimers timers, InboxNotifier inbox, DeliverySignal signal, BusinessClock businessClock,
    IOptions<NotificationOptions> options, TimeProvider clock) : IEventHandler<TicketDomainEvent>
{
    public const string VoiceTimerKind = "notify-voice";

    private readonly NotificationOptions _o = options.Value;

    public async Task HandleAsync(TicketDomainEvent e, EventDelivery delivery, CancellationToken ct)
    {
        if (NotificationTrigger.From(e) is not { } trigger) return;
        var now = clock.GetUtcNow();
        // News of something long past (the demo's history, a backlog after an outage) would only confuse its reader.
        if (e.OccurredAt != default && now - e.OccurredAt > TimeSpan.FromMinutes(_o.MaxEventAgeMinutes)) return;
        var planned = await PlanAsync(trigger, now, ct);
        if (planned.Count == 0) return;
        List<InboxItem> items = [];
        await writes.RunOnceAsync(delivery, e, async (db, token) => items = await QueueAsync(db, planned, now, token), ct);
        if (items.Count > 0) inbox.Publish(items.Select(i => new InboxNotice(i.UserId, i.Id, i.Subject, i.Urgent)));
    }

    /// <summary>The messages the rules ask for, rendered; read before taking the write gate.</summary>
    private async Task<List<NotificationDelivery>> PlanAsync(NotificationTrigger trigger, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var rules = (await db.NotificationRules.AsNoTracking().Where(r => r.Event == trigger.Event).ToListAsync(ct))
            .Select(r => r.Rule).Where(r => r.Matches(trigger)).ToList();
        if (rules.Count == 0) return [];
        var ticket = await RecipientResolver.TicketAsync(db, trigger.Source.AggregateId, ct);
        if (ticket is null) return [];
        var values = new Dictionary<string, string?>(trigger.Values, StringComparer.Ordinal)
        {
            ["customer"] = ticket.CustomerName,
            ["city"] = trigger.Values.GetValueOrDefault("city") ?? ticket.City,
            ["technician"] = trigger.Values.GetValueOrDefault("technician") ?? ticket.AssigneeName,
            ["trackingUrl"] = await trackingLinks.LinkForAsync(ticket.Id, ct),
        };
        var planned = new List<NotificationDelivery>();
        foreach (var rule in rules)
        foreach (var recipient in await RecipientsAsync(db, rule, ticket, ct))
        foreach (var channel in rule.ChannelsFor(recipient, ticket.Preference?.ToDomain() ?? ChannelPreference.Default))
        {
            var english = recipient.Language.StartsWith("en", StringComparison.OrdinalIgnoreCase);
            var message = rule.Template.Render(recipient.Language, WithStatus(values, trigger.Source.Status, english));
            var sendAt = channel == NotificationChannel.InApp || rule.Urgent || !rule.QuietHours
                ? now : QuietHours.For(recipient.Kind).ReleaseAt(now, businessClock.Zone);
            planned.Add(new NotificationDelivery
            {
                DedupKey = DedupKey.For(trigger.Source.EventId, rule.Key, recipient.Key, channel),
                EventId = trigger.Source.EventId, RuleKey = rule.Key, TicketId = ticket.Id, TicketNumber = ticket.Number, Region = ticket.Region,
                Channel = channel, RecipientKind = recipient.Kind, RecipientKey = recipient.Key, RecipientName = Cut(recipient.Name, 100),
                Address = Cut(recipient.AddressFor(channel)!, NotificationDelivery.AddressMaxLength),
                Subject = Cut(message.Subject, NotificationTemplate.SubjectMaxLength), Body = message.Body,
                Urgent = rule.Urgent, Status = DeliveryStatus.Pending, NextAttemptAt = sendAt, CreatedAt = now,
            });
        }
        return planned;
    }

    private async Task<IEnumerable<Recipient>> RecipientsAsync(ScrmDbContext db, NotificationRule rule, TicketFacts ticket, CancellationToken ct)
    {
        var all = new List<Recipient>();
        foreach (var line in rule.Recipients) all.AddRange(await resolver.ResolveAsync(db, line, ticket, ct));
        // A dispatcher who is also named by user gets the message once.
        return all.DistinctBy(r => r.Key);
    }

    /// <summary>Inside the transaction: skips what is already queued, applies rate limits, writes rows, inbox items and voice repeats.</summary>
    private async Task<List<InboxItem>> QueueAsync(ScrmDbContext db, List<NotificationDelivery> planned, DateTimeOffset now, CancellationToken ct)
    {
        var keys = planned.Select(p => p.DedupKey).ToList();
        var existing = await db.NotificationDeliveries.Where(d => keys.Contains(d.DedupKey)).Select(d => d.DedupKey).ToListAsync(ct);
        var fresh = planned.Where(p => !existing.Contains(p.DedupKey)).ToList();
        var limit = _o.RateLimit;
        foreach (var row in fresh.Where(r => !r.Urgent && r.Channel != NotificationChannel.InApp))
        {
            var from = row.NextAttemptAt - limit.Window;
            var scheduled = await db.NotificationDeliveries
                .Where(d => d.RecipientKey == row.RecipientKey && d.Channel == row.Channel && d.NextAttemptAt > from)
                .Select(d => d.NextAttemptAt).ToListAsync(ct);
            scheduled.AddRange(fresh.Where(f => !ReferenceEquals(f, row) && f.RecipientKey == row.RecipientKey && f.Channel == row.Channel
                && db.Entry(f).State == EntityState.Added).Select(f => f.NextAttemptAt));
            row.NextAttemptAt = limit.NextSlot(row.NextAttemptAt, scheduled);
            db.NotificationDeliveries.Add(row);
        }
        foreach (var row in fresh.Where(r => r.Urgent || r.Channel == NotificationChannel.InApp)) db.NotificationDeliveries.Add(row);
        var inApp = fresh.Where(r => r.Channel == NotificationChannel.InApp).ToList();
        foreach (var row in inApp)
        {
            // In-app is a row in our own database: it is "sent" by this very commit, no worker needed.
            row.Status = DeliveryStatus.Sent;
            row.SentAt = now;
        }
        if (fresh.Count == 0) return [];
        await db.SaveChangesAsync(ct);
        var voiceEscalation = fresh.Any(r => r.Channel == NotificationChannel.Voice);
        var items = inApp.Select(r => new InboxItem
        {
            UserId = r.Address, DeliveryId = r.Id, EventId = r.EventId, TicketId = r.TicketId, TicketNumber = r.TicketNumber,
            Subject = r.Subject, Body = r.Body, Urgent = r.Urgent, CreatedAt = now,
            NeedsAcknowledgement = voiceEscalation && fresh.Any(v => v.Channel == NotificationChannel.Voice && v.RecipientKey == r.RecipientKey),
        }).ToList();
        db.NotificationInbox.AddRange(items);
        foreach (var voice in fresh.Where(r => r.Channel == NotificationChannel.Voice && _o.VoiceRounds > 1))
            await timers.ScheduleAsync(db, VoiceTimerKind, $"voice:{voice.Id}", now.AddMinutes(_o.VoiceRepeatMinutes), voice.TicketId,
                DomainJson.Serialize(new VoiceRepeat(voice.Id, 2)), ct);
        if (fresh.Any(r => r.Status == DeliveryStatus.Pending)) db.WriteState.OnCommit(signal.Raise);
        return items;
    }

    private static Dictionary<string, string?> WithStatus(Dictionary<string, string?> values, TicketStatus status, bool english) =>
        new(values, StringComparer.Ordinal) { ["status"] = english ? EnglishName(status) : TicketNames.Statuses[status] };

    private static string EnglishName(TicketStatus status) =>
        string.Concat(status.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>A voice call's next round: the first call's delivery and which round this is (2 = the first repeat).</summary>
public sealed record VoiceRepeat(long FirstDeliveryId, int Round);
