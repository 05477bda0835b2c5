using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.App.Features.Shared;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Common;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Dispatch;

/// <summary>
/// Auto-dispatch, where a ticket type's policy switches it on: a new ticket goes to the top candidate; when that
/// technician declines, or does not accept within the policy's time (<see cref="AcceptanceWatch"/>), the next one
/// not yet tried gets it. Each choice is on the ticket's timeline with its score. When nobody is left, the ticket
/// stays in the queue for a person.
/// </summary>
public sealed class AutoDispatcher(DispatchPlanner planner, DispatchPolicies policies, TicketService tickets,
    IDbContextFactory<ScrmDbContext> dbFactory, ILogger<AutoDispatcher> log) :
    IEventHandler<TicketCreated>, IEventHandler<TicketStatusChanged>
{
    public static readonly AccessScope Scope =
        new(new Actor("auto-dispatch", "自动派单"), new HashSet<string> { AppRoles.Dispatcher }, AllRegions: true, [], null);

    // One instance serves one delivered batch: a burst of new tickets reads each type and region's policy once, not once per ticket.
    private readonly Dictionary<(TicketType, string), bool> _auto = [];

    public async Task HandleAsync(TicketCreated e, EventDelivery delivery, CancellationToken ct)
    {
        if (!_auto.TryGetValue((e.Type, e.Region), out var auto))
            _auto[(e.Type, e.Region)] = auto = (await policies.ForAsync(e.Type, e.Region, ct)).AutoDispatch;
        if (auto && await WaitingAsync(e.AggregateId, ct)) await OfferAsync(e.AggregateId, ct);
    }

    /// <summary>A declined auto-dispatched ticket goes to the next candidate.</summary>
    public async Task HandleAsync(TicketStatusChanged e, EventDelivery delivery, CancellationToken ct)
    {
        if (e is not { From: TicketStatus.Assigned, To: TicketStatus.New }) return;
        if (await WaitingAsync(e.AggregateId, ct) && await TriedAsync(e.AggregateId, byAnyone: false, ct) is { Count: > 0 }) await OfferAsync(e.AggregateId, ct);
    }

    /// <summary>
    /// Whether the ticket still waits in the queue. Events are delivered at least once: a second delivery finds the
    /// ticket already given to someone and leaves it with them, instead of moving it on to the next candidate.
    /// </summary>
    private async Task<bool> WaitingAsync(long ticketId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        return await db.Tickets.AnyAsync(t => t.Id == ticketId && t.Status == TicketStatus.New && t.AssigneeId == null, ct);
    }

    /// <summary>
    /// Gives the ticket to the best candidate who has not had it yet, whoever gave it to them: a technician a dispatcher
    /// chose and who let it lapse is no better a next choice than one auto-dispatch tried. The event handlers call it only for a ticket still waiting
    /// (New), <see cref="AcceptanceWatch"/> only for one whose auto-dispatch went unaccepted; a change in between is a
    /// conflict that leaves it alone.
    /// </summary>
    public async Task<bool> OfferAsync(long ticketId, CancellationToken ct)
    {
        var tried = await TriedAsync(ticketId, byAnyone: true, ct);
        // Long enough that the ones already tried cannot use it all up.
        var list = await planner.CandidatesAsSystemAsync(ticketId, DispatchPlanner.Shown + tried.Count, ct);
        if (list is null) return false;
        var next = list.Candidates.FirstOrDefault(c => !c.Excluded && !tried.Contains(c.Technician.Id));
        if (next is null)
        {
            log.LogInformation("Auto-dispatch left {Ticket} in the queue: no candidate left ({Tried} tried)", list.TicketNumber, tried.Count);
            return false;
        }
        var rank = list.Candidates.TakeWhile(c => c != next).Count(c => !c.Excluded) + 1;
        try
        {
            await tickets.AssignAsync(Scope, ticketId, next.Technician.Id, $"自动派单：第 {rank} 位，{next.Total:0.##} 分", list.TicketVersion, ct);
            return true;
        }
        catch (Exception e) when (e is ConcurrencyConflictException or DomainRuleException)
        {
            // Someone assigned or moved it meanwhile: a person decided; auto-dispatch steps back.
            log.LogInformation("Auto-dispatch of {Ticket} skipped: {Reason}", list.TicketNumber, e.Message);
            return false;
        }
    }

    /// <summary>
    /// The technicians this ticket has been given to: by auto-dispatch only, or <paramref name="byAnyone"/> (then with
    /// its present assignee too). The timeline names them; names are looked up within the ticket's region.
    /// </summary>
    private async Task<HashSet<long>> TriedAsync(long ticketId, bool byAnyone, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var names = await db.TicketEvents.AsNoTracking()
            .Where(e => e.TicketId == ticketId && e.Kind == TicketEventKind.Assigned && (byAnyone || e.ActorId == Scope.Actor.Id))
            .Select(e => e.After).ToListAsync(ct);
        var ticket = await db.Tickets.AsNoTracking().Where(t => t.Id == ticketId).Select(t => new { t.Region, t.AssigneeId }).FirstAsync(ct);
        var tried = names.Count == 0 ? [] : (await db.Technicians.AsNoTracking()
            .Where(t => t.Region == ticket.Region && names.Contains(t.Name)).Select(t => t.Id).ToListAsync(ct)).ToHashSet();
        if (byAnyone && ticket.AssigneeId is { } current) tried.Add(current);
        return tried;
    }
}
