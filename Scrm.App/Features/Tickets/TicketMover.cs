using Microsoft.Extensions.Localization;
using MudBlazor;
using Scrm.App.Components.Shared;
using Scrm.App.Data;
using Scrm.App.Resources;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Tickets;

/// <summary>
/// Moves a ticket on behalf of a screen (detail buttons, board drops): asks for what the move needs
/// (a technician, a reason), calls the service, and tells the user plainly when the move is refused.
/// </summary>
public sealed class TicketMover(TicketService tickets, IDialogService dialogs, ISnackbar snackbar, ErrorMessages errors, IStringLocalizer<SharedResource> l)
{
    /// <returns>The ticket after the move, or null when the user cancelled or the move was refused.</returns>
    public async Task<TicketDetail?> MoveAsync(AccessScope scope, TicketRow ticket, TicketStatus to)
    {
        if (to == TicketStatus.Assigned && TicketWorkflow.CanMove(ticket.Status, to))
            return await AssignAsync(scope, ticket);
        return await errors.TryAsync(async () =>
        {
            string? comment = null;
            if (TicketWorkflow.CanMove(ticket.Status, to) && TicketWorkflow.RequiresComment(to))
            {
                comment = await AskAsync(l["Ticket.MoveTo", l["Status." + to]], l["Ticket.Reason"], required: true);
                if (comment is null) return null;
            }
            var moved = await tickets.TransitionAsync(scope, ticket.Id, to, comment, ticket.Version);
            snackbar.Add(l["Ticket.Moved", ticket.Number, l["Status." + to]], Severity.Success);
            return moved;
        });
    }

    public async Task<TicketDetail?> AssignAsync(AccessScope scope, TicketRow ticket)
    {
        var parameters = new DialogParameters<AssignDialog> { { d => d.Ticket, ticket }, { d => d.Scope, scope } };
        var dialog = await dialogs.ShowAsync<AssignDialog>(l["Ticket.Assign"], parameters);
        if (await dialog.Result is not { Canceled: false, Data: AssignDialog.Choice choice }) return null;
        return await errors.TryAsync(async () =>
        {
            var assigned = await tickets.AssignAsync(scope, ticket.Id, choice.TechnicianId, choice.Comment, ticket.Version);
            snackbar.Add(l["Ticket.AssignedTo", ticket.Number, assigned.Row.AssigneeName ?? ""], Severity.Success);
            return assigned;
        });
    }

    /// <summary>A technician turns down a job they were given; the reason is asked for and kept on the timeline.</summary>
    public async Task<TicketDetail?> DeclineAsync(AccessScope scope, TicketRow ticket)
    {
        var reason = await AskAsync(l["Ticket.Decline"], l["Ticket.Reason"], required: true);
        if (reason is null) return null;
        return await errors.TryAsync(async () =>
        {
            var declined = await tickets.DeclineAsync(scope, ticket.Id, reason, ticket.Version);
            snackbar.Add(l["Ticket.Declined", ticket.Number], Severity.Info);
            return declined;
        });
    }

    public async Task<string?> AskAsync(string title, string label, bool required)
    {
        var parameters = new DialogParameters<CommentDialog> { { d => d.Title, title }, { d => d.Label, label }, { d => d.Required, required } };
        var dialog = await dialogs.ShowAsync<CommentDialog>(title, parameters);
        return await dialog.Result is { Canceled: false, Data: string text } ? text : null;
    }
}
