using Scrm.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Sla;
using Scrm.Domain.Sla;

namespace Scrm.App.Features.Flows.Runtime;

/// <summary>Reading a ticket's flow, with the same region and technician rules as reading the ticket.</summary>
public sealed class FlowQueries(IDbContextFactory<ScrmDbContext> dbFactory, FlowVersions versions)
{
    /// <summary>The ticket's flow; null when the caller cannot see the ticket or it runs no flow.</summary>
    public async Task<TicketFlowView?> ForTicketAsync(AccessScope scope, long ticketId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null) return null;
        var instance = await db.Set<FlowInstance>().AsNoTracking().FirstOrDefaultAsync(i => i.TicketId == ticketId, ct);
        if (instance is null) return null;
        var flow = await versions.DefinitionAsync(db, instance, ct);
        var clocksJson = await db.Set<TicketSla>().AsNoTracking().Where(s => s.TicketId == ticketId).Select(s => s.ClocksJson).FirstOrDefaultAsync(ct);
        IReadOnlyList<SlaClock> clocks = clocksJson is null ? [] : DomainJson.Deserialize<List<SlaClock>>(clocksJson);
        return FlowViews.Of(ticket, instance, flow, instance.State(), clocks);
    }

    /// <summary>Whether the ticket exists for the caller (a 404 for the ticket differs from "runs no flow").</summary>
    public async Task<bool> SeesTicketAsync(AccessScope scope, long ticketId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        return await db.Tickets.AnyAsync(t => t.Id == ticketId, ct);
    }
}
