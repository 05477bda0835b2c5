using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Shared;
using Scrm.Domain.Notifications;

namespace Scrm.App.Features.Notifications;

public sealed record DeliveryPage(IReadOnlyList<NotificationDelivery> Rows, IReadOnlyDictionary<DeliveryStatus, int> Counts);

/// <summary>The admin page's reading: deliveries newest first, filtered by status, with counts per status.</summary>
public sealed class NotificationQueries(IDbContextFactory<ScrmDbContext> dbFactory)
{
    public async Task<DeliveryPage> DeliveriesAsync(AccessScope scope, DeliveryStatus? status, int take = 100, CancellationToken ct = default)
    {
        if (!scope.IsIn(AppRoles.Admin)) throw new AccessDeniedException("Notify.AdminOnly", "Only an Admin may see deliveries.");
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var rows = db.NotificationDeliveries.AsNoTracking();
        if (status is { } s) rows = rows.Where(d => d.Status == s);
        var list = await rows.OrderByDescending(d => d.Id).Take(take).ToListAsync(ct);
        var counts = await db.NotificationDeliveries.GroupBy(d => d.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return new DeliveryPage(list, counts.ToDictionary(c => c.Key, c => c.Count));
    }
}
