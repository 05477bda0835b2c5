using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scrm.App.Data;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Common;
using Scrm.Domain.Tickets;
using Scrm.Domain.Tracking;

namespace Scrm.App.Features.Tracking;

/// <summary>What a customer's post on the progress page came to.</summary>
public enum ProgressOutcome
{
    Done,
    /// <summary>Malformed, unknown or expired token: the same plain 404 as a GET.</summary>
    NotFound,
    /// <summary>The ticket's state does not allow it (not resolved yet, rated already); the page shows it as it is now.</summary>
    Refused,
}

/// <summary>The customer's two actions: confirm the work is done, then rate it. Both go through the ticket's own rules and the write path.</summary>
public sealed class ProgressActions(WritePath writes, TicketService tickets, Pricing.QuoteService quotes, ProgressQueries queries,
    IOptions<TrackingOptions> options, TimeProvider clock)
{
    /// <summary>The customer accepts the quote shown on their page; refused when there is none to accept (empty, accepted, final).</summary>
    public async Task<ProgressOutcome> AcceptQuoteAsync(string? token, CancellationToken ct)
    {
        if (await queries.FindAsync(token, ct) is not { } view) return ProgressOutcome.NotFound;
        if (view.Quote is not { CanAccept: true }) return ProgressOutcome.Refused;
        try
        {
            await quotes.AcceptForCustomerAsync(view.TicketId, view.CustomerName, ct);
            return ProgressOutcome.Done;
        }
        catch (DomainRuleException)
        {
            return ProgressOutcome.Refused;
        }
    }

    public Task<ProgressOutcome> ConfirmAsync(string? token, CancellationToken ct) =>
        ChangeAsync(token, async (ticket, customer, now, token) =>
            ticket.ConfirmCompletion(customer, now, await tickets.FormOfAsync(ticket, token)), ct);

    public Task<ProgressOutcome> RateAsync(string? token, int stars, string? comment, CancellationToken ct) =>
        ChangeAsync(token, (ticket, customer, now, _) =>
        {
            ticket.Rate(stars, comment, customer, now);
            return Task.CompletedTask;
        }, ct);

    private async Task<ProgressOutcome> ChangeAsync(string? token, Func<Ticket, Actor, DateTimeOffset, CancellationToken, Task> change, CancellationToken ct)
    {
        try
        {
            return await writes.RunAsync(AccessScope.System, async (db, t) =>
            {
                if (await TrackingTokens.TicketOfAsync(db, token, t) is not { } ticketId) return ProgressOutcome.NotFound;
                var ticket = await db.Tickets.SingleOrDefaultAsync(x => x.Id == ticketId, t);
                var now = clock.GetUtcNow();
                if (ticket is null || TrackingExpiry.IsExpired(ticket.Status, ticket.ClosedAt, ticket.UpdatedAt, options.Value.DaysAfterClose, now))
                    return ProgressOutcome.NotFound;
                // The customer acts as themself on the timeline, named as the ticket knows them.
                await change(ticket, new Actor($"customer:{ticket.CustomerId}", ticket.CustomerName), now, t);
                return ProgressOutcome.Done;
            }, ct);
        }
        catch (DomainRuleException)
        {
            return ProgressOutcome.Refused;
        }
        catch (DbUpdateConcurrencyException)
        {
            return ProgressOutcome.Refused;
        }
    }
}
