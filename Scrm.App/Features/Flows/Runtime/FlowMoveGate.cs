using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Flows;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Flows.Runtime;

/// <summary>A ticket cannot be resolved or closed while its flow waits for an approval or an open pipeline child.</summary>
public sealed class FlowMoveGate(FlowVersions versions) : ITicketMoveGate
{
    public async Task<string?> BlocksAsync(ScrmDbContext db, Ticket ticket, TicketStatus to, CancellationToken ct)
    {
        var instance = await db.Set<FlowInstance>().AsNoTracking()
            .FirstOrDefaultAsync(i => i.TicketId == ticket.Id && !i.Finished, ct);
        if (instance is null) return null;
        return FlowEngine.Blocks(await versions.DefinitionAsync(db, instance, ct), instance.State(), to);
    }
}
