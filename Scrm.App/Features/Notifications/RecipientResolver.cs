using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.Domain.Notifications;

namespace Scrm.App.Features.Notifications;

/// <summary>What recipient resolution and templates need of a ticket, read once per event.</summary>
public sealed record TicketFacts(long Id, string Number, string Region, string City, long CustomerId, string CustomerName,
    string CustomerPhone, long? AssigneeId, string? AssigneeName, CustomerChannelPreference? Preference);

/// <summary>Turns a rule's "to" lines into people with an address per channel, for one ticket.</summary>
public sealed class RecipientResolver
{
    /// <summary><see cref="TicketAsync"/> for several tickets, with one query per kind of row; unknown tickets are left out.</summary>
    public static async Task<Dictionary<long, TicketFacts>> TicketsAsync(ScrmDbContext db, IReadOnlyCollection<long> ticketIds, CancellationToken ct)
    {
        var tickets = await db.Tickets.AsNoTracking().Where(t => ticketIds.Contains(t.Id))
            .Select(t => new { t.Id, t.Number, t.Region, t.City, t.CustomerId, t.CustomerName, t.AssigneeId, t.AssigneeName })
            .ToListAsync(ct);
        var customers = tickets.Select(t => t.CustomerId).Distinct().ToList();
        var phones = await db.Customers.AsNoTracking().Where(c => customers.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Phone, ct);
        var preferences = (await db.CustomerChannelPreferences.AsNoTracking().Where(p => customers.Contains(p.CustomerId)).ToListAsync(ct))
            .GroupBy(p => p.CustomerId).ToDictionary(g => g.Key, g => g.First());
        return tickets.ToDictionary(t => t.Id, t => new TicketFacts(t.Id, t.Number, t.Region, t.City, t.CustomerId, t.CustomerName,
            phones.GetValueOrDefault(t.CustomerId) ?? "", t.AssigneeId, t.AssigneeName, preferences.GetValueOrDefault(t.CustomerId)));
    }

    public static async Task<TicketFacts?> TicketAsync(ScrmDbContext db, long ticketId, CancellationToken ct)
    {
        var t = await db.Tickets.AsNoTracking().Where(t => t.Id == ticketId)
            .Select(t => new { t.Id, t.Number, t.Region, t.City, t.CustomerId, t.CustomerName, t.AssigneeId, t.AssigneeName })
            .FirstOrDefaultAsync(ct);
        if (t is null) return null;
        var phone = await db.Customers.AsNoTracking().Where(c => c.Id == t.CustomerId).Select(c => c.Phone).FirstOrDefaultAsync(ct) ?? "";
        var preference = await db.CustomerChannelPreferences.AsNoTracking().FirstOrDefaultAsync(p => p.CustomerId == t.CustomerId, ct);
        return new TicketFacts(t.Id, t.Number, t.Region, t.City, t.CustomerId, t.CustomerName, phone, t.AssigneeId, t.AssigneeName, preference);
    }

    /// <summary>
    /// The people of one "to" line, for an event about <paramref name="ticket"/> (null: an event about no ticket, such as
    /// a stock alert, which reaches only the staff of <paramref name="region"/>).
    /// </summary>
    public async Task<IReadOnlyList<Recipient>> ResolveAsync(ScrmDbContext db, RecipientRule rule, TicketFacts? ticket, string region, CancellationToken ct)
    {
        switch (rule.Kind)
        {
            case RecipientKind.Customer or RecipientKind.Assignee when ticket is null:
                return [];
            case RecipientKind.Customer:
                var addresses = new Dictionary<NotificationChannel, string>();
                if (ticket.CustomerPhone.Length > 0)
                {
                    addresses[NotificationChannel.Sms] = ticket.CustomerPhone;
                    addresses[NotificationChannel.Voice] = ticket.CustomerPhone;
                }
                if (ticket.Preference?.EmailAddress is { Length: > 0 } email) addresses[NotificationChannel.Email] = email;
                if (ticket.Preference?.WeComUserId is { Length: > 0 } wecom) addresses[NotificationChannel.WeCom] = wecom;
                return [new Recipient(RecipientKind.Customer, $"customer:{ticket.CustomerId}", ticket.CustomerName, Platform.DefaultCulture, addresses)];
            case RecipientKind.Assignee:
                if (ticket.AssigneeId is not { } technicianId) return [];
                var tech = await db.Technicians.AsNoTracking().Where(t => t.Id == technicianId)
                    .Select(t => new { t.Name, t.Phone, t.UserId }).FirstOrDefaultAsync(ct);
                if (tech is null) return [];
                var user = tech.UserId is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == tech.UserId)
                    .Select(u => new { u.Id, u.Email }).FirstOrDefaultAsync(ct);
                var techAddresses = new Dictionary<NotificationChannel, string>
                {
                    [NotificationChannel.Sms] = tech.Phone, [NotificationChannel.Voice] = tech.Phone,
                };
                if (user is not null) techAddresses[NotificationChannel.InApp] = user.Id;
                if (user?.Email is { Length: > 0 } techEmail) techAddresses[NotificationChannel.Email] = techEmail;
                return [new Recipient(RecipientKind.Assignee, user?.Id ?? $"technician:{technicianId}", tech.Name, Platform.DefaultCulture, techAddresses, user?.Id)];
            case RecipientKind.Manager:
                return await UsersInRoleAsync(db, RecipientKind.Manager, AppRoles.Manager, region, ct);
            case RecipientKind.Dispatcher:
                return await UsersInRoleAsync(db, RecipientKind.Dispatcher, AppRoles.Dispatcher, region, ct);
            case RecipientKind.Role:
                return await UsersInRoleAsync(db, RecipientKind.Role, rule.Value ?? "", region, ct);
            case RecipientKind.User:
                var named = await db.Users.AsNoTracking().Where(u => u.Id == rule.Value || u.Email == rule.Value)
                    .Select(u => new StaffUser(u.Id, u.DisplayName, u.Email, u.PhoneNumber)).FirstOrDefaultAsync(ct);
                return named is null ? [] : [named.ToRecipient(RecipientKind.User)];
            default:
                return [];
        }
    }

    /// <summary>Users holding <paramref name="role"/> whose region claims cover the ticket's region (or all regions).</summary>
    private static async Task<IReadOnlyList<Recipient>> UsersInRoleAsync(ScrmDbContext db, RecipientKind kind, string role, string region,
        CancellationToken ct)
    {
        var users = await (
            from u in db.Users
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where r.Name == role && db.UserClaims.Any(c => c.UserId == u.Id && c.ClaimType == AccessScope.RegionClaim
                && (c.ClaimValue == region || c.ClaimValue == AccessScope.AllRegionsValue))
            orderby u.Email
            select new StaffUser(u.Id, u.DisplayName, u.Email, u.PhoneNumber)).AsNoTracking().ToListAsync(ct);
        return users.Select(u => u.ToRecipient(kind)).ToList();
    }

    private sealed record StaffUser(string Id, string DisplayName, string? Email, string? Phone)
    {
        public Recipient ToRecipient(RecipientKind kind)
        {
            var addresses = new Dictionary<NotificationChannel, string> { [NotificationChannel.InApp] = Id };
            if (Email is { Length: > 0 }) addresses[NotificationChannel.Email] = Email;
            if (Phone is { Length: > 0 })
            {
                addresses[NotificationChannel.Sms] = Phone;
                addresses[NotificationChannel.Voice] = Phone;
            }
            return new Recipient(kind, Id, DisplayName.Length > 0 ? DisplayName : Email ?? Id, Platform.DefaultCulture, addresses, Id);
        }
    }
}
