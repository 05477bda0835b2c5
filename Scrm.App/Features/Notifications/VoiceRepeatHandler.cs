using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scrm.App.Data;
using Scrm.App.Features.Timers;
using Scrm.Domain.Common;
using Scrm.Domain.Notifications;

namespace Scrm.App.Features.Notifications;

/// <summary>
/// A severe escalation's voice call rings again every few minutes until someone acknowledges it (in the bell or on the
/// admin page) or the ladder of rounds ends. Each round is its own delivery with its own dedup key, written with the
/// timer's fired mark, so a round is queued exactly once.
/// </summary>
public sealed class VoiceRepeatHandler(DueTimers timers, DeliverySignal signal, IOptions<NotificationOptions> options, TimeProvider clock) : ITimerHandler
{
    public string Kind => TicketNotifications.VoiceTimerKind;

    public async Task FireAsync(ScrmDbContext db, DueTimer timer, CancellationToken ct)
    {
        var repeat = DomainJson.Deserialize<VoiceRepeat>(timer.Payload);
        var first = await db.NotificationDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == repeat.FirstDeliveryId, ct);
        if (first is null || await AcknowledgedAsync(db, first, ct)) return;
        var now = clock.GetUtcNow();
        var key = $"{first.DedupKey}|{repeat.Round}";
        if (!await db.NotificationDeliveries.AnyAsync(d => d.DedupKey == key, ct))
        {
            db.NotificationDeliveries.Add(new NotificationDelivery
            {
                DedupKey = key, EventId = first.EventId, RuleKey = first.RuleKey, TicketId = first.TicketId, TicketNumber = first.TicketNumber,
                Region = first.Region, Channel = first.Channel, RecipientKind = first.RecipientKind, RecipientKey = first.RecipientKey,
                RecipientName = first.RecipientName, Address = first.Address, Subject = first.Subject, Body = first.Body, Urgent = true,
                Status = DeliveryStatus.Pending, NextAttemptAt = now, CreatedAt = now,
            });
            db.WriteState.OnCommit(signal.Raise);
        }
        var o = options.Value;
        if (repeat.Round < o.VoiceRounds)
            await timers.ScheduleAsync(db, Kind, $"voice:{first.Id}:{repeat.Round + 1}", now.AddMinutes(o.VoiceRepeatMinutes), first.TicketId,
                DomainJson.Serialize(repeat with { Round = repeat.Round + 1 }), ct);
    }

    /// <summary>Someone acknowledged this escalation for this recipient: on a delivery of it or in their inbox.</summary>
    public static async Task<bool> AcknowledgedAsync(ScrmDbContext db, NotificationDelivery first, CancellationToken ct) =>
        await db.NotificationDeliveries.AnyAsync(d => d.EventId == first.EventId && d.RecipientKey == first.RecipientKey && d.AcknowledgedAt != null, ct)
        || await db.NotificationInbox.AnyAsync(i => i.EventId == first.EventId && i.UserId == first.RecipientKey && i.AcknowledgedAt != null, ct);
}
