using Scrm.Domain.Dashboards;
using Scrm.Domain.Pricing;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Dashboards;

/// <summary>Where the ledger keeps its rows: the database for live events, dictionaries for a rebuild.</summary>
public interface IKpiStore
{
    ValueTask<KpiTicket?> TicketAsync(long ticketId, CancellationToken ct);
    void AddTicket(KpiTicket ticket);
    /// <summary>Adds a delta to the day's rows under the ticket's keys.</summary>
    ValueTask AddAsync(DateOnly day, KpiTicket keys, KpiTotals totals, CancellationToken ct);
    /// <summary>Adds a delta's technician figures (<see cref="TechnicianFigures.Counters"/>) to the technician's day, under the ticket's keys.</summary>
    ValueTask AddTechnicianAsync(DateOnly day, long technicianId, KpiTicket keys, KpiTotals totals, CancellationToken ct);
}

/// <summary>
/// Turns ticket and bill events into rollup rows. The live handler and the rebuild both go through here, so the
/// two cannot drift apart; only where the rows live differs (<see cref="IKpiStore"/>).
/// </summary>
public sealed class KpiLedger(IKpiStore store, BusinessClock clock)
{
    public async Task CreatedAsync(long ticketId, TicketType type, TicketPriority priority, string region, string city,
        DateTimeOffset at, CancellationToken ct)
    {
        if (await store.TicketAsync(ticketId, ct) is not null) return;
        var local = clock.ToLocal(at);
        var (journey, delta) = KpiJourney.Open(at, DateOnly.FromDateTime(local.DateTime), local.Hour);
        var ticket = new KpiTicket
        {
            TicketId = ticketId, Region = region, City = city, Type = type.ToString(), Priority = priority.ToString(),
            Team = region, Journey = journey,
        };
        store.AddTicket(ticket);
        await AddAsync(ticket, [delta], ct);
    }

    /// <summary>A status move; <paramref name="assigneeId"/> is the ticket's technician after it (null: unassigned).</summary>
    public async Task MovedAsync(long ticketId, TicketStatus to, DateTimeOffset at, long? assigneeId, SlaVerdict sla, CancellationToken ct)
    {
        // Tickets from before the dashboards existed have no journey yet: the rebuild command brings them in.
        if (await store.TicketAsync(ticketId, ct) is not { } ticket) return;
        ticket.TechnicianId = assigneeId;
        var journey = ticket.Journey;
        var deltas = journey.Move(to, at, sla);
        await AddAsync(ticket, deltas, ct);
        if (assigneeId is not { } technicianId) return;
        var delta = deltas.FirstOrDefault(d => d.At == at)?.Totals;
        if (delta is null || (delta[KpiCounter.Closed] == 0 && delta[KpiCounter.SlaMeasured] == 0)) return;
        await store.AddTechnicianAsync(clock.LocalDay(at), technicianId, ticket, delta, ct);
    }

    public Task BillAsync(BillFinalised bill, CancellationToken ct) =>
        MoneyAsync(bill.TicketId, bill.Region, bill.City, bill.TicketType, bill.TechnicianId, bill.TotalFen, bill.CostFen, 1, bill.FinalisedAt, ct);

    public Task CreditAsync(BillCredited credit, CancellationToken ct) =>
        MoneyAsync(credit.TicketId, credit.Region, null, null, credit.TechnicianId, credit.AmountFen, credit.CostFen, 0, credit.CreditedAt, ct);

    private async Task MoneyAsync(long ticketId, string region, string? city, TicketType? type, long? technicianId,
        long revenueFen, long costFen, long bills, DateTimeOffset at, CancellationToken ct)
    {
        // The bill names region, city and type itself; the ticket's journey (when known) adds priority and team.
        var keys = await store.TicketAsync(ticketId, ct) ?? new KpiTicket
        {
            TicketId = ticketId, Region = region, City = city ?? "", Type = type?.ToString() ?? "", Priority = "", Team = region,
        };
        var t = new KpiTotals();
        t[KpiCounter.RevenueFen] = revenueFen;
        t[KpiCounter.CostFen] = costFen;
        t[KpiCounter.Bills] = bills;
        await AddAsync(keys, [new KpiDelta(at, t)], ct);
        // Only the revenue is the technician's: cost and bill count are not among their figures.
        if (technicianId is { } id)
        {
            var revenue = new KpiTotals();
            revenue[KpiCounter.RevenueFen] = revenueFen;
            await store.AddTechnicianAsync(clock.LocalDay(at), id, keys, revenue, ct);
        }
    }

    /// <summary>
    /// The customer's stars (once per ticket), on the day of the rating, for the ticket's keys and the technician rated.
    /// Tickets the dashboards never saw created are left to the rebuild, like their moves.
    /// </summary>
    public async Task RatedAsync(long ticketId, int stars, DateTimeOffset at, long? technicianId, CancellationToken ct)
    {
        if (await store.TicketAsync(ticketId, ct) is not { } ticket) return;
        var t = new KpiTotals();
        t[KpiCounter.Ratings] = 1;
        t[KpiCounter.RatingStars] = stars;
        await AddAsync(ticket, [new KpiDelta(at, t)], ct);
        if (technicianId is not { } id) return;
        await store.AddTechnicianAsync(clock.LocalDay(at), id, ticket, t, ct);
    }

    private async Task AddAsync(KpiTicket keys, IEnumerable<KpiDelta> deltas, CancellationToken ct)
    {
        foreach (var delta in deltas)
            await store.AddAsync(clock.LocalDay(delta.At), keys, delta.Totals, ct);
    }
}
