using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Shared;
using Scrm.Domain.Common;
using Scrm.Domain.Flows;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Flows.Runtime;

/// <summary>
/// Approvers decide on a ticket's pending approval, level by level. Each decision goes on the timeline with its
/// comment (the engine's path keeps only the last one per visit).
/// </summary>
public sealed class FlowDecisions(WritePath writes, FlowVersions versions, FlowFactsReader facts, FlowEffects effects, TimeProvider clock)
{
    /// <summary>
    /// Decides level by level: the caller must see the ticket and hold the current level's role; a rejection or a send-back
    /// needs a comment. With <paramref name="expectedInstanceVersion"/> a decision on a flow that moved meanwhile is refused.
    /// </summary>
    public async Task<TicketFlowView> DecideAsync(AccessScope scope, long ticketId, string nodeId, ApprovalOutcome outcome, string? comment,
        long? expectedInstanceVersion, CancellationToken ct = default)
    {
        try
        {
            return await DecideOnceAsync(scope, ticketId, nodeId, outcome, comment, expectedInstanceVersion, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The flow moved between reading and saving (another approver, a handler): the caller reloads and decides again.
            throw new ConcurrencyConflictException(FlowTexts.Actor.Name, clock.GetUtcNow(), 0);
        }
    }

    private Task<TicketFlowView> DecideOnceAsync(AccessScope scope, long ticketId, string nodeId, ApprovalOutcome outcome, string? comment,
        long? expectedInstanceVersion, CancellationToken ct)
    {
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (!Enum.IsDefined(outcome)) throw new DomainRuleException("Field.NotOneOf", "outcome is not an approval outcome.", "outcome");
        if (outcome is not ApprovalOutcome.Approved && comment is null)
            throw new DomainRuleException("Flow.CommentRequired", $"{outcome} needs a comment saying why.", outcome);
        return writes.RunAsync(scope, async (db, token) =>
        {
            var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == ticketId, token)
                ?? throw new NotFoundException("Ticket", ticketId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var instance = await FlowInstances.FindAsync(db, ticketId, token)
                ?? throw new DomainRuleException("Flow.NotWaiting", "The ticket has no flow waiting for a decision.", nodeId);
            if (expectedInstanceVersion is { } expected && expected != instance.Version)
                throw new ConcurrencyConflictException(FlowTexts.Actor.Name, instance.UpdatedAt, instance.Version);
            var flow = await versions.DefinitionAsync(db, instance, token);
            var state = instance.State();
            var level = PendingLevel(flow, state, nodeId)
                ?? throw new DomainRuleException("Flow.NotWaiting", $"The flow does not wait for a decision at '{nodeId}'.", nodeId);
            if (!scope.IsIn(level.Role))
                throw new AccessDeniedException("Flow.NotYourDecision", $"This approval level is decided by {level.Role}.");
            var now = clock.GetUtcNow();
            var step = FlowEngine.Apply(flow, state, new Decision(nodeId, outcome, level.Role, comment), await facts.FactsAsync(db, ticket, token), now);
            ticket.Note(TicketEventKind.Flow, FlowTexts.Decided,
                $"{level.Label ?? flow.Node(nodeId)?.Label ?? nodeId}：{FlowTexts.Outcome(outcome)}", scope.Actor, now, comment);
            await effects.ApplyAsync(db, instance, flow, ticket, step, now, token);
            return FlowViews.Of(ticket, instance, flow, step.State, []);
        }, ct);
    }

    /// <summary>The level an Approval node at <paramref name="nodeId"/> waits on, or null when it does not wait.</summary>
    public static ApprovalLevel? PendingLevel(FlowDefinition flow, FlowInstanceState state, string nodeId) =>
        state.ActiveAt(nodeId) is { } active && flow.Node(nodeId) is { Kind: FlowNodeKind.Approval, Levels: { } levels } && active.Level < levels.Count
            ? levels[active.Level]
            : null;
}
