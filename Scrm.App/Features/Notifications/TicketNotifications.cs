using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scrm.App.Data;
using Scrm.App.Data.Interceptors;
using Scrm.App.Events;
using Scrm.App.Features.Timers;
using Scrm.Domain.Common;
using Scrm.Domain.Notifications;
using Scrm.Domain.Pricing;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Notifications;

/// <summary>
/// Turns events into deliveries: ticket events, quotes (QuoteUpdated, QuoteThresholdReached) and stock alerts
/// (StockBelowReorderPoint). Matches the rules (cached, <see cref="NotificationRuleCache"/>), resolves recipients,
/// renders templates in their language, holds non-urgent messages for quiet hours and rate limits, and writes the rows
/// (and in-app inbox items) through <see cref="WritePath.RunOnceAsync(string, IReadOnlyList{DomainEvent}, Func{ScrmDbContext, IReadOnlyList{DomainEvent}, CancellationToken, Task}, CancellationToken)"/>:
/// in the transaction that records the events as processed, so a redelivered event queues nothing twice. A batch of
/// events (a busy hour's new tickets) shares one read connection and one write. The class keeps its name, which is the
/// handler's name in the outbox ledger, although it hears more than ticket events now.
/// </summary>
public sealed class TicketNotifications(WritePath writes, IDbContextFactory<ScrmDbContext> dbFactory, RecipientResolver resolver,
    NotificationRuleCache rules, Tracking.TrackingLinks trackingLinks, DueTimers timers, InboxNotifier inbox, DeliverySignal signal,
    BusinessClock businessClock, IOptions<NotificationOptions> options, TimeProvider clock) :
    IEventHandler<TicketDomainEvent>, IEventHandler<QuoteUpdated>, IEventHandler<QuoteThresholdReached>,
    IEventHandler<StockBelowReorderPoint>, IEventBatchHandler, IPositionedEventHandler
{
    public const string VoiceTimerKind = "notify-voice";

    private readonly NotificationOptions _o = options.Value;

    public Task HandleAsync(TicketDomainEvent e, EventDelivery delivery, CancellationToken ct) => HandleOneAsync(e, delivery, ct);

    public Task HandleAsync(QuoteUpdated e, EventDelivery delivery, CancellationToken ct) => HandleOneAsync(e, delivery, ct);

    public Task HandleAsync(QuoteThresholdReached e, EventDelivery delivery, CancellationToken ct) => HandleOneAsync(e, delivery, ct);

    public Task HandleAsync(StockBelowReorderPoint e, EventDelivery delivery, CancellationToken ct) => HandleOneAsync(e, delivery, ct);

    public Task HandleBatchAsync(IReadOnlyList<StoredEvent> events, string handler, CancellationToken ct) =>
        HandleManyAsync(handler, events.Select(s => s.Event).ToList(), ct);

    private Task HandleOneAsync(DomainEvent e, EventDelivery delivery, CancellationToken ct) => HandleManyAsync(delivery.Handler, [e], ct);

    private async Task HandleManyAsync(string handler, IReadOnlyList<DomainEvent> events, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var triggers = new List<NotificationTrigger>();
        foreach (var e in events)
        {
            if (NotificationTrigger.From(e) is not { } trigger) continue;
            // News of something long past (the demo's history, a backlog after an outage) would only confuse its reader.
            if (e.OccurredAt != default && now - e.OccurredAt > TimeSpan.FromMinutes(_o.MaxEventAgeMinutes)) continue;
            triggers.Add(trigger);
        }
        if (triggers.Count == 0) return;
        var planned = await PlanAsync(triggers, now, ct);
        if (planned.Count == 0) return;
        var planning = planned.Select(p => p.EventId).ToHashSet();
        var debounced = triggers.Where(t => t.Event == NotificationEvent.QuoteReady).Select(t => t.Source.EventId).ToHashSet();
        List<InboxItem> items = [];
        await writes.RunOnceAsync(handler, events.Where(e => planning.Contains(e.EventId)).ToList(), async (db, fresh, token) =>
        {
            // Only events not processed before: a redelivered batch queues nothing twice (and the dedup keys stand behind that).
            var ids = fresh.Select(e => e.EventId).ToHashSet();
            items = await QueueAsync(db, planned.Where(p => ids.Contains(p.EventId)).ToList(), debounced, now, token);
        }, ct);
        if (items.Count > 0) inbox.Publish(items.Select(i => new InboxNotice(i.UserId, i.Id, i.Subject, i.Urgent)));
    }

    /// <summary>The messages the rules ask for, rendered; read before taking the write gate, on one connection for the batch.</summary>
    private async Task<List<NotificationDelivery>> PlanAsync(List<NotificationTrigger> triggers, DateTimeOffset now, CancellationToken ct)
    {
        var planned = new List<NotificationDelivery>();
        var matching = new List<(NotificationTrigger Trigger, IReadOnlyList<NotificationRule> Rules)>();
        foreach (var trigger in triggers)
        {
            var matched = (await rules.ForAsync(trigger.Event, ct)).Where(r => r.Matches(trigger)).ToList();
            if (matched.Count > 0) matching.Add((trigger, matched));
        }
        if (matching.Count == 0) return planned;
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        // The batch's tickets and progress links at once: one query per kind of row, and at most one write for links not issued yet.
        var tickets = await RecipientResolver.TicketsAsync(db, matching.Select(m => m.Trigger.TicketId).OfType<long>().Distinct().ToList(), ct);
        var linked = matching.Where(m => m.Rules.Any(r => r.Template.Uses("trackingUrl"))).Select(m => m.Trigger.TicketId)
            .OfType<long>().Where(tickets.ContainsKey).Distinct().ToList();
        var links = await trackingLinks.LinksIssuingAsync(linked, ct);
        var people = new Dictionary<(RecipientRule, long?, string), IReadOnlyList<Recipient>>();
        foreach (var (trigger, matched) in matching)
        {
            TicketFacts? ticket = null;
            if (trigger.TicketId is { } ticketId)
            {
                ticket = tickets.GetValueOrDefault(ticketId);
                if (ticket is null) continue;
            }
            var values = new Dictionary<string, string?>(trigger.Values, StringComparer.Ordinal);
            if (ticket is not null)
            {
                values["number"] = trigger.Values.GetValueOrDefault("number") ?? ticket.Number;
                values["customer"] = ticket.CustomerName;
                values["city"] = trigger.Values.GetValueOrDefault("city") ?? ticket.City;
                values["technician"] = trigger.Values.GetValueOrDefault("technician") ?? ticket.AssigneeName;
                // A link is looked up (and issued, for a ticket created a moment ago) only for a template that shows it.
                if (matched.Any(r => r.Template.Uses("trackingUrl"))) values["trackingUrl"] = links.GetValueOrDefault(ticket.Id);
            }
            var region = ticket?.Region ?? trigger.Region;
            foreach (var rule in matched)
            foreach (var recipient in await RecipientsAsync(db, rule, ticket, region, people, ct))
            foreach (var channel in rule.ChannelsFor(recipient, ticket?.Preference?.ToDomain() ?? ChannelPreference.Default))
            {
                var english = recipient.Language.StartsWith("en", StringComparison.OrdinalIgnoreCase);
                var message = rule.Template.Render(recipient.Language, WithStatus(values, trigger.Status, english));
                var sendAt = channel == NotificationChannel.InApp || rule.Urgent || !rule.QuietHours
                    ? now : QuietHours.For(recipient.Kind).ReleaseAt(now, businessClock.Zone);
                planned.Add(new NotificationDelivery
                {
                    DedupKey = DedupKey.For(trigger.Source.EventId, rule.Key, recipient.Key, channel),
                    EventId = trigger.Source.EventId, RuleKey = rule.Key, TicketId = ticket?.Id, TicketNumber = ticket?.Number, Region = region,
                    Channel = channel, RecipientKind = recipient.Kind, RecipientKey = recipient.Key, RecipientName = Cut(recipient.Name, 100),
                    Address = Cut(recipient.AddressFor(channel)!, NotificationDelivery.AddressMaxLength),
                    Subject = Cut(message.Subject, NotificationTemplate.SubjectMaxLength), Body = message.Body,
                    Urgent = rule.Urgent, Status = DeliveryStatus.Pending, NextAttemptAt = sendAt, CreatedAt = now,
                });
            }
        }
        return planned;
    }

    private async Task<IEnumerable<Recipient>> RecipientsAsync(ScrmDbContext db, NotificationRule rule, TicketFacts? ticket, string region,
        Dictionary<(RecipientRule, long?, string), IReadOnlyList<Recipient>> known, CancellationToken ct)
    {
        var all = new List<Recipient>();
        foreach (var line in rule.Recipients)
        {
            // Within a batch the same people are asked for again and again (the region's dispatchers for each new ticket).
            var key = (line, line.Kind is RecipientKind.Customer or RecipientKind.Assignee ? ticket?.Id : null, region);
            if (!known.TryGetValue(key, out var people)) known[key] = people = await resolver.ResolveAsync(db, line, ticket, region, ct);
            all.AddRange(people);
        }
        // A dispatcher who is also named by user gets the message once.
        return all.DistinctBy(r => r.Key);
    }

    /// <summary>Inside the transaction: skips what is already queued, applies rate limits, writes rows, inbox items and voice repeats.</summary>
    private async Task<List<InboxItem>> QueueAsync(ScrmDbContext db, List<NotificationDelivery> planned, HashSet<Guid> debounced,
        DateTimeOffset now, CancellationToken ct)
    {
        var keys = planned.Select(p => p.DedupKey).ToList();
        var existing = (await db.NotificationDeliveries.Where(d => keys.Contains(d.DedupKey)).Select(d => d.DedupKey).ToListAsync(ct)).ToHashSet();
        var fresh = planned.Where(p => !existing.Contains(p.DedupKey)).ToList();
        if (debounced.Count > 0) fresh = await DebounceAsync(db, fresh, debounced, now, ct);
        var limit = _o.RateLimit;
        var limited = fresh.Where(r => !r.Urgent && r.Channel != NotificationChannel.InApp).ToList();
        if (limited.Count > 0)
        {
            // What each recipient has queued lately, read once for the batch rather than once per row.
            var who = limited.Select(r => r.RecipientKey).Distinct().ToList();
            var since = limited.Min(r => r.NextAttemptAt) - limit.Window;
            var queued = (await db.NotificationDeliveries.Where(d => who.Contains(d.RecipientKey) && d.NextAttemptAt > since)
                    .Select(d => new { d.RecipientKey, d.Channel, d.NextAttemptAt }).ToListAsync(ct))
                .GroupBy(d => (d.RecipientKey, d.Channel)).ToDictionary(g => g.Key, g => g.Select(d => d.NextAttemptAt).ToList());
            foreach (var row in limited)
            {
                if (!queued.TryGetValue((row.RecipientKey, row.Channel), out var scheduled)) queued[(row.RecipientKey, row.Channel)] = scheduled = [];
                row.NextAttemptAt = limit.NextSlot(row.NextAttemptAt, scheduled.Where(at => at > row.NextAttemptAt - limit.Window).ToList());
                scheduled.Add(row.NextAttemptAt);
            }
        }
        var inApp = fresh.Where(r => r.Channel == NotificationChannel.InApp).ToList();
        foreach (var row in inApp)
        {
            // In-app is a row in our own database: it is "sent" by this very commit, no worker needed.
            row.Status = DeliveryStatus.Sent;
            row.SentAt = now;
        }
        if (fresh.Count == 0) return [];
        // Limited rows first, then urgent and in-app ones, as they were added before. On SQLite a batch's hundred-odd
        // rows go in as multi-row INSERTs instead of one EF command each inside the writer loop (ADR 0045).
        var rows = limited.Concat(fresh.Where(r => r.Urgent || r.Channel == NotificationChannel.InApp)).ToList();
        if (db.OnSqlite) await AppendedRows.InsertManyAsync(db, rows, ct);
        else db.NotificationDeliveries.AddRange(rows);
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

    /// <summary>
    /// "Quote ready" once per burst of edits: a message of the same rule to the same person about the same ticket queued
    /// within <see cref="NotificationOptions.QuoteDebounceMinutes"/> takes the newest text instead of a new message (an
    /// in-app one is changed in the inbox); an outgoing one waits out the window, so that it carries the settled total.
    /// </summary>
    private async Task<List<NotificationDelivery>> DebounceAsync(ScrmDbContext db, List<NotificationDelivery> fresh, HashSet<Guid> debounced,
        DateTimeOffset now, CancellationToken ct)
    {
        var window = TimeSpan.FromMinutes(_o.QuoteDebounceMinutes);
        var quotes = fresh.Where(r => debounced.Contains(r.EventId)).ToList();
        var tickets = quotes.Select(r => r.TicketId).Distinct().ToList();
        var rules = quotes.Select(r => r.RuleKey).Distinct().ToList();
        var since = now - window;
        var earlier = await db.NotificationDeliveries
            .Where(d => tickets.Contains(d.TicketId) && rules.Contains(d.RuleKey) && d.CreatedAt > since).ToListAsync(ct);
        var open = earlier.ToDictionary(d => (d.TicketId, d.RuleKey, d.RecipientKey, d.Channel));
        var kept = fresh.Where(r => !debounced.Contains(r.EventId)).ToList();
        foreach (var row in quotes)
        {
            if (open.TryGetValue((row.TicketId, row.RuleKey, row.RecipientKey, row.Channel), out var first))
            {
                // Sent already (an outgoing message that went out): the burst has had its message.
                if (first.Status != DeliveryStatus.Pending && first.Channel != NotificationChannel.InApp) continue;
                (first.Subject, first.Body) = (row.Subject, row.Body);
                if (first.Channel == NotificationChannel.InApp && first.Id != 0)
                    await db.NotificationInbox.Where(i => i.DeliveryId == first.Id)
                        .ExecuteUpdateAsync(u => u.SetProperty(i => i.Subject, row.Subject).SetProperty(i => i.Body, row.Body), ct);
                continue;
            }
            if (row.Channel != NotificationChannel.InApp && row.NextAttemptAt < now + window) row.NextAttemptAt = now + window;
            open[(row.TicketId, row.RuleKey, row.RecipientKey, row.Channel)] = row;
            kept.Add(row);
        }
        return kept;
    }

    private static Dictionary<string, string?> WithStatus(Dictionary<string, string?> values, TicketStatus? status, bool english) =>
        status is not { } known ? values
            : new(values, StringComparer.Ordinal) { ["status"] = english ? EnglishName(known) : TicketNames.Statuses[known] };

    private static string EnglishName(TicketStatus status) =>
        string.Concat(status.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>A voice call's next round: the first call's delivery and which round this is (2 = the first repeat).</summary>
public sealed record VoiceRepeat(long FirstDeliveryId, int Round);
