using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Dispatch;

/// <summary>
/// Once a minute: an auto-dispatched ticket its technician has not accepted within the policy's time goes to the
/// next candidate. The clock is the assignment's time on the ticket's timeline, so a restart loses no wait.
/// </summary>
public sealed class AcceptanceWatch(AutoDispatcher dispatcher, IDbContextFactory<ScrmDbContext> dbFactory, DispatchPolicies policies,
    TimeProvider clock, ILogger<AcceptanceWatch> log) : BackgroundService
{
    /// <summary>Moves on every overdue auto-dispatch; returns how many tickets were offered to someone else.</summary>
    public async Task<int> CheckAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var waiting = await db.Tickets.AsNoTracking().Where(t => t.Status == TicketStatus.Assigned)
            .Select(t => new
            {
                t.Id, t.Type, t.Region,
                Last = db.TicketEvents.Where(e => e.TicketId == t.Id && e.Kind == TicketEventKind.Assigned)
                    .OrderByDescending(e => e.Id).Select(e => new { e.ActorId, e.At }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        var moved = 0;
        foreach (var ticket in waiting.Where(t => t.Last?.ActorId == AutoDispatcher.Scope.Actor.Id))
        {
            var policy = await policies.ForAsync(ticket.Type, ticket.Region, ct);
            if (!policy.AutoDispatch || ticket.Last!.At.AddMinutes(policy.AcceptWithinMinutes) > now) continue;
            if (await dispatcher.OfferAsync(ticket.Id, ct)) moved++;
        }
        return moved;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var moved = await CheckAsync(stoppingToken);
                if (moved > 0) log.LogInformation("Offered {Count} unaccepted tickets to the next technician", moved);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Checking unaccepted tickets failed; trying again in a minute");
            }
        }
    }
}
