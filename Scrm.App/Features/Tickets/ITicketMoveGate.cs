using Scrm.App.Data;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Tickets;

/// <summary>
/// Another module's say over a ticket's move (a flow waiting for an approval or a child ticket): asked inside the
/// move's own write, before the ticket changes. Returns the reason code that refuses the move, or null.
/// </summary>
public interface ITicketMoveGate
{
    Task<string?> BlocksAsync(ScrmDbContext db, Ticket ticket, TicketStatus to, CancellationToken ct);
}
