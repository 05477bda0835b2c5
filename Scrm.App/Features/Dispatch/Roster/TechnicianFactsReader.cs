using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Shared;
using Scrm.Domain.Dispatch;
using Scrm.Domain.Dispatch.Scoring;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Dispatch.Roster;

/// <summary>
/// Technicians as the scorer sees them, read from the database: skills, licences, hours, today's load and the last
/// position. The roster loads regions and single technicians with it; the planner's reference scan reads through it too.
/// </summary>
public sealed class TechnicianFactsReader(BusinessClock businessClock, TimeProvider clock)
{
    public Task<List<TechnicianFacts>> RegionAsync(ScrmDbContext db, string region, CancellationToken ct) =>
        ReadAsync(db, db.Technicians.IgnoreQueryFilters().Where(t => t.Region == region), ct);

    public Task<List<TechnicianFacts>> ManyAsync(ScrmDbContext db, IReadOnlyCollection<long> ids, CancellationToken ct) =>
        ReadAsync(db, db.Technicians.IgnoreQueryFilters().Where(t => ids.Contains(t.Id)), ct);

    // A technician's own scope would hide the others; the ranking is the office's view of the whole region.
    private async Task<List<TechnicianFacts>> ReadAsync(ScrmDbContext db, IQueryable<Technician> which, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var dayStart = businessClock.StartOfDay(now);
        var localTime = businessClock.LocalTime(now);
        var technicians = await which.AsNoTracking().Include(t => t.Skills).ToListAsync(ct);
        var ids = technicians.Select(t => t.Id).ToList();
        var loads = (await db.Tickets.IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.AssigneeId != null && ids.Contains(t.AssigneeId.Value)
                        && (TicketWorkflow.WorkInHandStatuses.Contains(t.Status) || t.ResolvedAt >= dayStart))
            .Select(t => new { Technician = t.AssigneeId!.Value, t.Status })
            .ToListAsync(ct)).ToLookup(l => l.Technician, l => l.Status);
        return technicians.Select(t =>
        {
            var mine = loads[t.Id].ToList();
            return new TechnicianFacts(t.Id, t.Name, t.Region, t.ServiceCities.ToHashSet(),
                t.Skills.GroupBy(s => s.Skill).ToDictionary(g => g.Key, g => g.Max(s => s.Level)),
                t.Certifications.ToHashSet(), t.Rating,
                OpenJobs: mine.Count(TicketWorkflow.IsWorkInHand), JobsToday: mine.Count, DailyCap: t.DailyCap,
                new GeoPoint(t.Lat, t.Lng), OnShift: t.Status != TechnicianStatus.OffDuty && t.IsOnShift(localTime),
                OnLeave: t.Status == TechnicianStatus.OnLeave) { PositionAt = t.PositionAt };
        }).ToList();
    }
}
