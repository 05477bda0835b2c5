using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Common;
using Scrm.Domain.Dispatch;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Dispatch.Simulation;

/// <summary>
/// The demo's pulse (Demo:Simulator, on for `dotnet run`, off in tests): every few seconds the demo technicians'
/// phones report where they are — those on their way drive toward the site, the others potter about their city —
/// and now and then one of them takes the next step on a job, through the same services a phone would use.
/// </summary>
public sealed class DemoSimulator(IConfiguration configuration, IDbContextFactory<ScrmDbContext> dbFactory, PositionIngestion positions,
    TicketService tickets, TimeProvider clock, ILogger<DemoSimulator> log) : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);

    /// <summary>How far a technician on the road gets in one tick (about 36 km/h).</summary>
    private const double KmPerTick = 0.05;

    private static readonly AccessScope Phones =
        new(new Actor("demo-simulator", "演示模拟"), new HashSet<string> { AppRoles.Dispatcher }, AllRegions: true, [], null);

    private readonly Random _random = new(7);
    private int _ticks;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Demo:Simulator", false)) return;
        log.LogInformation("Demo simulator on: technicians move every {Seconds} s", Tick.TotalSeconds);
        using var timer = new PeriodicTimer(Tick, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await StepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Demo simulator step failed; carrying on");
            }
        }
    }

    public async Task StepAsync(CancellationToken ct)
    {
        _ticks++;
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var technicians = await db.Technicians.AsNoTracking().Where(t => t.Status != TechnicianStatus.OnLeave).ToListAsync(ct);
        var jobs = await db.Tickets.AsNoTracking()
            .Where(t => t.AssigneeId != null && TicketWorkflow.WorkInHandStatuses.Contains(t.Status))
            .Select(t => new { t.Id, t.AssigneeId, t.Status, t.Lat, t.Lng, t.Version }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var technician in technicians)
        {
            var job = jobs.Where(j => j.AssigneeId == technician.Id).OrderBy(j => j.Status == TicketStatus.EnRoute ? 0 : 1).FirstOrDefault();
            var here = new GeoPoint(technician.Lat, technician.Lng);
            var next = job is { Status: TicketStatus.EnRoute }
                ? Toward(here, new GeoPoint(job.Lat, job.Lng))
                : Wander(here);
            await positions.IngestAsync(Phones, technician.Id, [new PositionPing(next.Lat, next.Lng, now, 10)], ct);
        }
        // Every half minute one job moves on, as its technician would move it.
        if (_ticks % 6 == 0 && jobs.Where(j => j.Status is TicketStatus.Assigned or TicketStatus.Accepted or TicketStatus.OnSite).ToList() is { Count: > 0 } movable)
        {
            var job = movable[_random.Next(movable.Count)];
            var to = job.Status switch
            {
                TicketStatus.Assigned => TicketStatus.Accepted,
                TicketStatus.Accepted => TicketStatus.EnRoute,
                _ => TicketStatus.InProgress,
            };
            await TryAsync(() => tickets.TransitionAsync(Phones, job.Id, to, null, job.Version, ct));
        }
        // Arrived: close enough to the site to step in.
        foreach (var job in jobs.Where(j => j.Status == TicketStatus.EnRoute))
        {
            var technician = technicians.FirstOrDefault(t => t.Id == job.AssigneeId);
            if (technician is not null && new GeoPoint(technician.Lat, technician.Lng).DistanceKmTo(new GeoPoint(job.Lat, job.Lng)) < 0.1)
                await TryAsync(() => tickets.TransitionAsync(Phones, job.Id, TicketStatus.OnSite, null, job.Version, ct));
        }
    }

    private async Task TryAsync(Func<Task> move)
    {
        try
        {
            await move();
        }
        catch (Exception e) when (e is DomainRuleException or Shared.ConcurrencyConflictException)
        {
            // Someone in the demo moved it first; the next tick tries something else.
        }
    }

    private static GeoPoint Toward(GeoPoint from, GeoPoint to)
    {
        var km = from.DistanceKmTo(to);
        if (km <= KmPerTick) return to;
        var f = KmPerTick / km;
        return new GeoPoint(from.Lat + (to.Lat - from.Lat) * f, from.Lng + (to.Lng - from.Lng) * f);
    }

    private GeoPoint Wander(GeoPoint from) =>
        new(Math.Clamp(from.Lat + (_random.NextDouble() - 0.5) * 0.004, -89, 89), Math.Clamp(from.Lng + (_random.NextDouble() - 0.5) * 0.004, -179, 179));
}
