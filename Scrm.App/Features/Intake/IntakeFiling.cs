using Scrm.App.Features.Tickets;

namespace Scrm.App.Features.Intake;

/// <summary>
/// Files an accepted submission as a ticket. The app's is <see cref="TicketFiling"/>; the intake bench swaps in one that
/// files nothing, to tell the POST's own cost from the create's and its handlers' (docs/benchmarks.md, issue 7).
/// </summary>
public interface IIntakeFiling
{
    /// <summary>The ticket, once (a second call with the same <paramref name="idempotencyKey"/> returns the first ticket).</summary>
    Task<IntakeOutcome.Accepted> FileAsync(NewTicketRequest request, string? idempotencyKey, CancellationToken ct);
}

/// <summary>Through <see cref="TicketService"/>, as the system actor "public-intake".</summary>
public sealed class TicketFiling(TicketService tickets) : IIntakeFiling
{
    public async Task<IntakeOutcome.Accepted> FileAsync(NewTicketRequest request, string? idempotencyKey, CancellationToken ct)
    {
        var created = await tickets.CreateAsync(PublicIntake.Scope, request, idempotencyKey, ct);
        return new IntakeOutcome.Accepted(created.Ticket.Row.Number, created.Ticket.Row.Id);
    }
}
