using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.Domain.Dispatch;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Dispatch;

public sealed record TechnicianMarker(long Id, string Name, string City, string Region, TechnicianStatus Status,
    double Lat, double Lng, DateTimeOffset? PositionAt, int OpenJobs);

public sealed record TicketPin(long Id, string Number, string Title, TicketType Type, TicketPriority Priority, TicketStatus Status,
    string CustomerName, string City, string Region, double Lat, double Lng, long? AssigneeId, string? AssigneeName,
    DateTimeOffset CreatedAt, long Version, Sla.SlaSummary? Sla = null);

public sealed record TrailPoint(double Lat, double Lng, DateTimeOffset At);

/// <summary>What the control room draws: technicians where they are, open tickets where they are, and the queue.</summary>
public sealed record ControlRoomSnapshot(IReadOnlyList<TechnicianMarker> Technicians, IReadOnlyList<TicketPin> Tickets)
{
    /// <summary>Open tickets nobody holds, oldest and most urgent first.</summary>
    public IEnumerable<TicketPin> Queue => Tickets.Where(t => t.AssigneeId is null)
        .OrderByDescending(t => t.Priority).ThenBy(t => t.CreatedAt);
}

/// <summary>The control room's reads, as the caller may see them (their regions only).</summary>
public sealed class ControlRoomQueries(IDbContextFactory<ScrmDbContext> dbFactory, BusinessClock businessClock, TimeProvider clock)
{
    public async Task<ControlRoomSnapshot> SnapshotAsync(AccessScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var tickets = await db.Tickets.AsNoTracking()
            .Where(t => TicketWorkflow.WorkInHandStatuses.Contains(t.Status))
            .OrderBy(t => t.CreatedAt)
            .Select(t => new TicketPin(t.Id, t.Number, t.Title, t.Type, t.Priority, t.Status, t.CustomerName, t.City, t.Region,
                t.Lat, t.Lng, t.AssigneeId, t.AssigneeName, t.CreatedAt, t.Version))
            .ToListAsync(ct);
        tickets = await WithSlaAsync(db, tickets, ct);
        var load = tickets.Where(t => t.AssigneeId is not null).GroupBy(t => t.AssigneeId!.Value).ToDictionary(g => g.Key, g => g.Count());
        var technicians = await db.Technicians.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new { t.Id, t.Name, t.City, t.Region, t.Status, t.Lat, t.Lng, t.PositionAt })
            .ToListAsync(ct);
        return new ControlRoomSnapshot(
            technicians.Select(t => new TechnicianMarker(t.Id, t.Name, t.City, t.Region, t.Status, t.Lat, t.Lng, t.PositionAt,
                load.GetValueOrDefault(t.Id))).ToList(),
            tickets);
    }

    /// <summary>The SLA of the pins that have clocks, which their colour shows.</summary>
    private async Task<List<TicketPin>> WithSlaAsync(ScrmDbContext db, List<TicketPin> tickets, CancellationToken ct)
    {
        var ids = tickets.Select(t => t.Id).ToList();
        var rows = await db.Set<Sla.TicketSla>().AsNoTracking().Where(s => ids.Contains(s.TicketId)).ToDictionaryAsync(s => s.TicketId, ct);
        var now = clock.GetUtcNow();
        return tickets.Select(t => rows.TryGetValue(t.Id, out var row) ? t with { Sla = Sla.SlaQueries.Summary(row, 0, now) } : t).ToList();
    }

    /// <summary>Where a technician has been today (business day), oldest first; empty for one the caller cannot see.</summary>
    public async Task<IReadOnlyList<TrailPoint>> TrailTodayAsync(AccessScope scope, long technicianId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        if (!await db.Technicians.AnyAsync(t => t.Id == technicianId, ct)) return [];
        var since = businessClock.StartOfDay(clock.GetUtcNow());
        return await db.TechnicianPositions.AsNoTracking()
            .Where(p => p.TechnicianId == technicianId && p.RecordedAt >= since)
            .OrderBy(p => p.RecordedAt)
            .Select(p => new TrailPoint(p.Lat, p.Lng, p.RecordedAt))
            .ToListAsync(ct);
    }
}
