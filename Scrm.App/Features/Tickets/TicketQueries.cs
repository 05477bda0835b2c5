using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Shared;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Tickets;

/// <summary>Reads tickets as the caller may see them (the context's scope filters every query).</summary>
public sealed class TicketQueries(IDbContextFactory<ScrmDbContext> dbFactory)
{
    public const int MaxPageSize = 200;

    public async Task<Paged<TicketRow>> ListAsync(AccessScope scope, TicketFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var query = Filter(db.Tickets.AsNoTracking(), filter);
        // The same rule as the query filter, but in a shape SQLite can use an index for (the filter's OR hides it).
        if (!scope.AllRegions && string.IsNullOrWhiteSpace(filter.Region))
            query = query.Where(t => scope.Regions.Contains(t.Region));
        var pageSize = Math.Clamp(filter.PageSize, 1, MaxPageSize);
        var page = Math.Max(0, filter.Page);
        var total = await query.CountAsync(ct);
        var items = await Sort(query, filter).Skip(page * pageSize).Take(pageSize).Select(ToRow).ToListAsync(ct);
        return new Paged<TicketRow>(items, total, page, pageSize);
    }

    /// <summary>
    /// The board: open tickets newest first, capped per status so a column stays readable,
    /// plus those closed or cancelled since <paramref name="since"/>.
    /// </summary>
    public async Task<IReadOnlyList<TicketRow>> BoardAsync(AccessScope scope, string? region, DateTimeOffset since, int perStatus = 50, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var query = db.Tickets.AsNoTracking();
        if (!string.IsNullOrEmpty(region)) query = query.Where(t => t.Region == region);
        var rows = new List<TicketRow>();
        foreach (var status in Enum.GetValues<TicketStatus>())
        {
            var column = query.Where(t => t.Status == status);
            if (status is TicketStatus.Closed or TicketStatus.Cancelled) column = column.Where(t => t.UpdatedAt >= since);
            rows.AddRange(await column.OrderByDescending(t => t.CreatedAt).Take(perStatus).Select(ToRow).ToListAsync(ct));
        }
        return rows;
    }

    public async Task<TicketDetail?> FindAsync(AccessScope scope, string number, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        return await DetailAsync(db, scope, db.Tickets.Where(t => t.Number == number), ct);
    }

    public async Task<TicketDetail?> FindAsync(AccessScope scope, long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        return await DetailAsync(db, scope, db.Tickets.Where(t => t.Id == id), ct);
    }

    /// <summary>
    /// Whom to call for a ticket the caller can see. The technician's scope cannot read customers, so the ticket is
    /// read with the caller's scope first and only then its customer's contact, past the filters, for that ticket alone.
    /// </summary>
    public async Task<TicketContact?> ContactAsync(AccessScope scope, long ticketId, CancellationToken ct = default)
    {
        long customerId;
        await using (var db = await dbFactory.CreateForAsync(scope, ct))
        {
            var visible = await db.Tickets.Where(t => t.Id == ticketId).Select(t => (long?)t.CustomerId).FirstOrDefaultAsync(ct);
            if (visible is not { } id) return null;
            customerId = id;
        }
        await using var system = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var contact = await system.Contacts.Where(c => c.CustomerId == customerId).OrderBy(c => c.Id)
                          .Select(c => new { c.Name, c.Phone }).FirstOrDefaultAsync(ct)
                      ?? await system.Customers.Where(c => c.Id == customerId)
                          .Select(c => new { c.Name, c.Phone }).FirstOrDefaultAsync(ct);
        if (contact is null) return null;
        return new TicketContact(contact.Name, scope.Phone(contact.Phone), !scope.MayReadPhones);
    }

    internal static async Task<TicketDetail?> DetailAsync(ScrmDbContext db, AccessScope scope, IQueryable<Ticket> query, CancellationToken ct)
    {
        var ticket = await query.AsNoTracking().Include(t => t.Events).AsSplitQuery().FirstOrDefaultAsync(ct);
        return ticket is null ? null : ToDetail(ticket, scope);
    }

    internal static TicketDetail ToDetail(Ticket t, AccessScope scope) => new(
        ToRowCompiled(t), t.Description, t.CustomerId, t.SiteId, t.SiteAddress, t.Lat, t.Lng, t.UpdatedByName,
        t.ResolvedAt, t.ClosedAt,
        t.Events.OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new TicketEventView(e.At, e.ActorName, e.Kind, e.Field, e.Before, e.After, e.Comment)).ToList(),
        TicketPermissions.AllowedMoves(scope, t.Status),
        TicketPermissions.CanAssign(scope) && TicketWorkflow.IsAssignable(t.Status),
        TicketPermissions.CanEdit(scope) && TicketWorkflow.IsWorkInHand(t.Status),
        TicketPermissions.CanComment(scope),
        t is { FormKey: { } key, FormVersion: { } version } ? new TicketFormView(key, version, t.FormVariantVersion, t.FormValues ?? "{}") : null);

    private static IQueryable<Ticket> Filter(IQueryable<Ticket> query, TicketFilter f)
    {
        if (f.Status is { } status) query = query.Where(t => t.Status == status);
        if (f.OpenOnly) query = query.Where(t => TicketWorkflow.OpenStatuses.Contains(t.Status));
        if (f.WorkInHandOnly) query = query.Where(t => TicketWorkflow.WorkInHandStatuses.Contains(t.Status));
        if (!string.IsNullOrWhiteSpace(f.Region)) query = query.Where(t => t.Region == f.Region);
        if (f.Priority is { } priority) query = query.Where(t => t.Priority == priority);
        if (f.AssigneeId is { } assignee) query = query.Where(t => t.AssigneeId == assignee);
        if (f.UnassignedOnly) query = query.Where(t => t.AssigneeId == null && TicketWorkflow.OpenStatuses.Contains(t.Status));
        if (f.OverdueBefore is { } before)
            query = query.Where(t => t.CreatedAt < before && TicketWorkflow.WorkInHandStatuses.Contains(t.Status));
        if (f.CustomerId is { } customer) query = query.Where(t => t.CustomerId == customer);
        if (!string.IsNullOrWhiteSpace(f.City)) query = query.Where(t => t.City == f.City);
        if (f.Type is { } type) query = query.Where(t => t.Type == type);
        if (f.CreatedFrom is { } from) query = query.Where(t => t.CreatedAt >= from);
        if (f.CreatedBefore is { } until) query = query.Where(t => t.CreatedAt < until);
        if (CreatedWindows(f) is { } windows) query = query.Where(windows);
        if (f.ClosedFrom is { } closedFrom) query = query.Where(t => t.ClosedAt >= closedFrom);
        if (f.ClosedBefore is { } closedBefore) query = query.Where(t => t.ClosedAt < closedBefore);
        if (f.ResolvedFrom is { } resolvedFrom) query = query.Where(t => t.ResolvedAt >= resolvedFrom);
        if (f.ResolvedBefore is { } resolvedBefore) query = query.Where(t => t.ResolvedAt < resolvedBefore);
        if (!string.IsNullOrWhiteSpace(f.Text))
        {
            var text = f.Text.Trim();
            query = query.Where(t => t.Number.Contains(text) || t.Title.Contains(text) ||
                                     t.CustomerName.Contains(text) || t.City.Contains(text));
        }
        return query;
    }

    /// <summary>
    /// The hours a heatmap cell stands for (every matching weekday × hour of the range) as one OR of time ranges, so
    /// that the index on CreatedAt still serves; null when no weekday or hour is asked for.
    /// </summary>
    private static System.Linq.Expressions.Expression<Func<Ticket, bool>>? CreatedWindows(TicketFilter f)
    {
        if (f.CreatedWeekday is null && f.CreatedHour is null || f.CreatedFrom is not { } from || f.CreatedBefore is not { } until) return null;
        var ticket = System.Linq.Expressions.Expression.Parameter(typeof(Ticket), "t");
        var created = System.Linq.Expressions.Expression.Property(ticket, nameof(Ticket.CreatedAt));
        System.Linq.Expressions.Expression body = System.Linq.Expressions.Expression.Constant(false);
        for (var day = from; day < until && day < from.AddDays(KpiDrillMaxDays); day = day.AddDays(1))
        {
            if (f.CreatedWeekday is { } weekday && day.DayOfWeek != weekday) continue;
            var (start, end) = f.CreatedHour is { } hour ? (day.AddHours(hour), day.AddHours(hour + 1)) : (day, day.AddDays(1));
            body = System.Linq.Expressions.Expression.OrElse(body, System.Linq.Expressions.Expression.AndAlso(
                System.Linq.Expressions.Expression.GreaterThanOrEqual(created, System.Linq.Expressions.Expression.Constant(start)),
                System.Linq.Expressions.Expression.LessThan(created, System.Linq.Expressions.Expression.Constant(end))));
        }
        return System.Linq.Expressions.Expression.Lambda<Func<Ticket, bool>>(body, ticket);
    }

    private const int KpiDrillMaxDays = 731;

    private static IQueryable<Ticket> Sort(IQueryable<Ticket> query, TicketFilter f) => (f.Sort, f.Descending) switch
    {
        (TicketSort.Number, false) => query.OrderBy(t => t.Number),
        (TicketSort.Number, true) => query.OrderByDescending(t => t.Number),
        // Priorities are stored as names; rank them so Urgent sorts above High, not below it.
        (TicketSort.Priority, false) => query.OrderBy(PriorityRank).ThenByDescending(t => t.CreatedAt),
        (TicketSort.Priority, true) => query.OrderByDescending(PriorityRank).ThenByDescending(t => t.CreatedAt),
        (TicketSort.Status, false) => query.OrderBy(t => t.Status).ThenByDescending(t => t.CreatedAt),
        (TicketSort.Status, true) => query.OrderByDescending(t => t.Status).ThenByDescending(t => t.CreatedAt),
        (TicketSort.UpdatedAt, false) => query.OrderBy(t => t.UpdatedAt),
        (TicketSort.UpdatedAt, true) => query.OrderByDescending(t => t.UpdatedAt),
        (_, false) => query.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id),
        _ => query.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id),
    };

    private static readonly System.Linq.Expressions.Expression<Func<Ticket, int>> PriorityRank = t =>
        t.Priority == TicketPriority.Urgent ? 3 : t.Priority == TicketPriority.High ? 2 : t.Priority == TicketPriority.Normal ? 1 : 0;

    private static readonly System.Linq.Expressions.Expression<Func<Ticket, TicketRow>> ToRow = t => new TicketRow(
        t.Id, t.Number, t.Title, t.Type, t.Priority, t.Status, t.CustomerName, t.City, t.Region, t.AssigneeId,
        t.AssigneeName, t.CreatedAt, t.UpdatedAt, t.Version);

    // Declared after ToRow: static fields initialise in textual order.
    private static readonly Func<Ticket, TicketRow> ToRowCompiled = ToRow.Compile();
}
