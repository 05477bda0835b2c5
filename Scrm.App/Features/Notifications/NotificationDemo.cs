using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.Domain.Common;
using Scrm.Domain.Notifications;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Notifications;

/// <summary>The starting rule set (always, once) and, on a demo database, a few subscriptions and past deliveries.</summary>
public static class NotificationDemo
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var writes = services.GetRequiredService<WritePath>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await writes.RunAsync(AccessScope.System, async (db, token) =>
        {
            // Sample rules a database lacks (a new one, or one from before a rule was added to the set); never one an Admin changed.
            var keys = await db.NotificationRules.Select(r => r.Key).ToListAsync(token);
            var missing = SampleNotificationRules.All().Where(r => !keys.Contains(r.Key)).ToList();
            if (missing.Count == 0) return false;
            db.NotificationRules.AddRange(missing.Select(r => new NotificationRuleRow
            {
                Key = r.Key, Event = r.Event, Json = DomainJson.Serialize(r), UpdatedAt = now, UpdatedBy = "系统", Version = 1,
            }));
            db.WriteState.OnCommit(services.GetRequiredService<NotificationRuleCache>().Invalidate);
            return true;
        }, ct);
        await writes.RunAsync(AccessScope.System, async (db, token) =>
        {
            if (await db.NotificationDeliveries.AnyAsync(token)) return false;
            var tickets = await db.Tickets.AsNoTracking().Where(t => t.Region == Scrm.Domain.Geo.Regions.East && t.AssigneeId != null)
                .OrderBy(t => t.Id).Take(6).Select(t => new { t.Id, t.Number, t.Region, t.CustomerId, t.CustomerName, t.AssigneeName }).ToListAsync(token);
            if (tickets.Count == 0) return false;
            var users = await db.Users.Where(u => u.Email == "dispatcher.east@demo.scrm" || u.Email == "manager.east@demo.scrm")
                .ToDictionaryAsync(u => u.Email!, u => u, token);
            // Staff reachable by SMS and voice call (the demo accounts come without a phone number).
            foreach (var (user, phone) in users.Values.OrderBy(u => u.Email).Zip(["13816620002", "13816620001"]))
                user.PhoneNumber ??= phone;
            var phones = await db.Customers.AsNoTracking().Where(c => tickets.Select(t => t.CustomerId).Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Phone, token);
            var n = 0;
            foreach (var t in tickets)
            {
                n++;
                var at = now.AddHours(-6 * n);
                var status = n switch { 2 => DeliveryStatus.DeadLettered, 4 => DeliveryStatus.Failed, _ => DeliveryStatus.Sent };
                var (channel, address) = n == 3 && tickets.Count > 0
                    ? (NotificationChannel.Email, $"service{t.CustomerId}@example.cn")
                    : (NotificationChannel.Sms, phones.GetValueOrDefault(t.CustomerId) ?? "");
                db.NotificationDeliveries.Add(new NotificationDelivery
                {
                    DedupKey = $"demo|{t.Id}|customer-assigned", EventId = Guid.CreateVersion7(at), RuleKey = "customer-assigned", TicketId = t.Id,
                    TicketNumber = t.Number, Region = t.Region, Channel = channel, RecipientKind = RecipientKind.Customer,
                    RecipientKey = $"customer:{t.CustomerId}", RecipientName = t.CustomerName, Address = address,
                    Subject = $"已安排技师：{t.Number}", Body = $"【Scrm】工单 {t.Number} 已安排技师 {t.AssigneeName} 为您服务。",
                    Status = status, Attempts = status == DeliveryStatus.DeadLettered ? 6 : status == DeliveryStatus.Failed ? 6 : 1,
                    LastError = status switch
                    {
                        DeliveryStatus.DeadLettered => "GatewayRejectedException: Sms gateway answered 503: 短信通道维护中",
                        DeliveryStatus.Failed => "GatewayRejectedException: Sms gateway answered 400: 号码已停机",
                        _ => null,
                    },
                    NextAttemptAt = at, CreatedAt = at, SentAt = status == DeliveryStatus.Sent ? at.AddSeconds(2) : null,
                });
                foreach (var user in users.Values)
                {
                    var manager = user.Email!.StartsWith("manager", StringComparison.Ordinal);
                    if (manager && n > 2) continue;
                    var subject = manager ? $"升级：{t.Number}" : $"新工单待派：{t.Number}";
                    var delivery = new NotificationDelivery
                    {
                        DedupKey = $"demo|{t.Id}|{user.Id}", EventId = Guid.CreateVersion7(at), RuleKey = manager ? "manager-escalation" : "dispatcher-created",
                        TicketId = t.Id, TicketNumber = t.Number, Region = t.Region, Channel = NotificationChannel.InApp,
                        RecipientKind = manager ? RecipientKind.Manager : RecipientKind.Dispatcher, RecipientKey = user.Id, RecipientName = user.DisplayName,
                        Address = user.Id, Subject = subject, Body = manager ? $"工单 {t.Number} 已升级到您：响应 SLA 已用 100%" : $"{t.CustomerName} 的新工单 {t.Number} 等待派单。",
                        Urgent = manager, Status = DeliveryStatus.Sent, Attempts = 0, NextAttemptAt = at, CreatedAt = at, SentAt = at,
                    };
                    db.NotificationDeliveries.Add(delivery);
                    await db.SaveChangesAsync(token);
                    db.NotificationInbox.Add(new InboxItem
                    {
                        UserId = user.Id, DeliveryId = delivery.Id, EventId = delivery.EventId, TicketId = t.Id, TicketNumber = t.Number,
                        Subject = subject, Body = delivery.Body, Urgent = manager, CreatedAt = at, ReadAt = n > 3 ? at.AddMinutes(5) : null,
                    });
                }
            }
            foreach (var (customerId, i) in tickets.Select(t => t.CustomerId).Distinct().Take(3).Select((c, i) => (c, i)))
                if (!await db.CustomerChannelPreferences.AnyAsync(p => p.CustomerId == customerId, token))
                    db.CustomerChannelPreferences.Add(new CustomerChannelPreference
                    {
                        CustomerId = customerId, Preferred = i == 0 ? NotificationChannel.Email : NotificationChannel.Sms, Voice = i == 2,
                        EmailAddress = $"service{customerId}@example.cn", UpdatedAt = now, Version = 1,
                    });
            return true;
        }, ct);
    }
}
