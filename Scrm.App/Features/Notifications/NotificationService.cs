using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Shared;
using Scrm.Domain.Common;
using Scrm.Domain.Notifications;

namespace Scrm.App.Features.Notifications;

/// <summary>What people change: rules (Admin), retries of failed deliveries (Admin), their own inbox, customer subscriptions.</summary>
public sealed class NotificationService(WritePath writes, IDbContextFactory<ScrmDbContext> dbFactory, DeliverySignal signal,
    NotificationRuleCache ruleCache, TimeProvider clock)
{
    public async Task<IReadOnlyList<NotificationRule>> RulesAsync(AccessScope scope, CancellationToken ct = default)
    {
        RequireAdmin(scope);
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        return (await db.NotificationRules.AsNoTracking().OrderBy(r => r.Event).ThenBy(r => r.Key).ToListAsync(ct)).Select(r => r.Rule).ToList();
    }

    /// <summary>Saves a rule (new or changed); returns its problems instead when it is invalid.</summary>
    public async Task<IReadOnlyList<RuleProblem>> SaveRuleAsync(AccessScope scope, NotificationRule rule, CancellationToken ct = default)
    {
        RequireAdmin(scope);
        var problems = rule.Validate();
        if (problems.Count > 0) return problems;
        var now = clock.GetUtcNow();
        await writes.RunAsync(scope, async (db, token) =>
        {
            var row = await db.NotificationRules.FirstOrDefaultAsync(r => r.Key == rule.Key, token);
            if (row is null) db.NotificationRules.Add(row = new NotificationRuleRow { Key = rule.Key });
            row.Event = rule.Event;
            row.Json = DomainJson.Serialize(rule);
            row.UpdatedAt = now;
            row.UpdatedBy = scope.Actor.Name;
            row.Version++;
            db.WriteState.OnCommit(ruleCache.Invalidate);
            return true;
        }, ct);
        // Again once the save has returned: a grouped commit may run its after-commit actions a moment after its writers return.
        ruleCache.Invalidate();
        return [];
    }

    /// <summary>Puts a failed or dead-lettered delivery back in the queue, due now, with a fresh count of tries.</summary>
    public async Task<bool> RetryAsync(AccessScope scope, long deliveryId, CancellationToken ct = default)
    {
        RequireAdmin(scope);
        var now = clock.GetUtcNow();
        var changed = await writes.RunAsync(scope, (db, token) => db.NotificationDeliveries
            .Where(d => d.Id == deliveryId && (d.Status == DeliveryStatus.Failed || d.Status == DeliveryStatus.DeadLettered))
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Pending).SetProperty(d => d.Attempts, 0)
                .SetProperty(d => d.NextAttemptAt, now).SetProperty(d => d.ClaimedBy, (string?)null)
                .SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null), token), ct);
        if (changed > 0) signal.Raise();
        return changed > 0;
    }

    public async Task<int> UnreadCountAsync(AccessScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var user = scope.Actor.Id;
        return await db.NotificationInbox.CountAsync(i => i.UserId == user && i.ReadAt == null, ct);
    }

    public async Task<IReadOnlyList<InboxItem>> InboxAsync(AccessScope scope, int take = 20, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var user = scope.Actor.Id;
        return await db.NotificationInbox.AsNoTracking().Where(i => i.UserId == user)
            .OrderByDescending(i => i.Id).Take(take).ToListAsync(ct);
    }

    /// <summary>Whether the caller muted the bell's toasts (their own setting; off until they switch it).</summary>
    public async Task<bool> ToastsMutedAsync(AccessScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var user = scope.Actor.Id;
        return await db.NotificationUserSettings.AsNoTracking().Where(s => s.UserId == user).Select(s => s.MuteToasts).FirstOrDefaultAsync(ct);
    }

    /// <summary>Mutes or unmutes the caller's own toasts; new messages still reach the inbox and its unread count.</summary>
    public Task MuteToastsAsync(AccessScope scope, bool muted, CancellationToken ct = default)
    {
        if (scope == AccessScope.Nobody) throw new AccessDeniedException("Notify.SignInRequired", "Only a signed-in user has toasts to mute.");
        var now = clock.GetUtcNow();
        var user = scope.Actor.Id;
        return writes.RunAsync(scope, async (db, token) =>
        {
            var row = await db.NotificationUserSettings.FirstOrDefaultAsync(s => s.UserId == user, token);
            if (row is null) db.NotificationUserSettings.Add(row = new NotificationUserSettings { UserId = user });
            row.MuteToasts = muted;
            row.UpdatedAt = now;
            return true;
        }, ct);
    }

    /// <summary>Marks the caller's own unread items read; nobody else's.</summary>
    public Task MarkAllReadAsync(AccessScope scope, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var user = scope.Actor.Id;
        return writes.RunAsync(scope, (db, token) => db.NotificationInbox.Where(i => i.UserId == user && i.ReadAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.ReadAt, now), token), ct);
    }

    /// <summary>"I am on it": ends the repeat calls of a voice escalation for the caller. Only the caller's own item.</summary>
    public Task<bool> AcknowledgeAsync(AccessScope scope, long inboxItemId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var user = scope.Actor.Id;
        return writes.RunAsync(scope, async (db, token) =>
        {
            var item = await db.NotificationInbox.FirstOrDefaultAsync(i => i.Id == inboxItemId && i.UserId == user, token);
            if (item is null) return false;
            item.AcknowledgedAt ??= now;
            item.ReadAt ??= now;
            await db.NotificationDeliveries.Where(d => d.EventId == item.EventId && d.RecipientKey == user && d.AcknowledgedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.AcknowledgedAt, now), token);
            return true;
        }, ct);
    }

    /// <summary>An Admin acknowledges a voice delivery for its recipient (someone reached them by other means).</summary>
    public Task<bool> AcknowledgeDeliveryAsync(AccessScope scope, long deliveryId, CancellationToken ct = default)
    {
        RequireAdmin(scope);
        var now = clock.GetUtcNow();
        return writes.RunAsync(scope, async (db, token) =>
        {
            var row = await db.NotificationDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deliveryId, token);
            if (row is null) return false;
            await db.NotificationDeliveries.Where(d => d.EventId == row.EventId && d.RecipientKey == row.RecipientKey && d.AcknowledgedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.AcknowledgedAt, now), token);
            return true;
        }, ct);
    }

    public async Task<CustomerChannelPreference> PreferenceAsync(AccessScope scope, long customerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        // The customer filter decides whether the caller may see this customer at all.
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, ct)) throw new NotFoundException("Customer", customerId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return await db.CustomerChannelPreferences.AsNoTracking().FirstOrDefaultAsync(p => p.CustomerId == customerId, ct)
            ?? new CustomerChannelPreference { CustomerId = customerId };
    }

    public async Task SavePreferenceAsync(AccessScope scope, CustomerChannelPreference preference, CancellationToken ct = default)
    {
        if (!scope.IsInAny(AppRoles.Admin, AppRoles.Manager, AppRoles.Dispatcher, AppRoles.Agent))
            throw new AccessDeniedException("Notify.SubscriptionDenied", "Your role may not change a customer's subscriptions.");
        var now = clock.GetUtcNow();
        await writes.RunAsync(scope, async (db, token) =>
        {
            if (!await db.Customers.AnyAsync(c => c.Id == preference.CustomerId, token))
                throw new NotFoundException("Customer", preference.CustomerId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var row = await db.CustomerChannelPreferences.FirstOrDefaultAsync(p => p.CustomerId == preference.CustomerId, token);
            if (row is null) db.CustomerChannelPreferences.Add(row = new CustomerChannelPreference { CustomerId = preference.CustomerId });
            else if (row.Version != preference.Version) throw new ConcurrencyConflictException("", row.UpdatedAt, row.Version);
            (row.Sms, row.Email, row.WeCom, row.Voice, row.Preferred) = (preference.Sms, preference.Email, preference.WeCom, preference.Voice, preference.Preferred);
            row.EmailAddress = string.IsNullOrWhiteSpace(preference.EmailAddress) ? null : preference.EmailAddress.Trim();
            row.WeComUserId = string.IsNullOrWhiteSpace(preference.WeComUserId) ? null : preference.WeComUserId.Trim();
            row.UpdatedAt = now;
            row.Version++;
            return true;
        }, ct);
    }

    private static void RequireAdmin(AccessScope scope)
    {
        if (!scope.IsIn(AppRoles.Admin)) throw new AccessDeniedException("Notify.AdminOnly", "Only an Admin may change notification rules or retry deliveries.");
    }
}
