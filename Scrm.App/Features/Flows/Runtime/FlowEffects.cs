using Scrm.Domain.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Tickets;
using Scrm.App.Features.Timers;
using Scrm.Domain.Flows;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Flows.Runtime;

/// <summary>
/// Carries out what the engine decided, on the caller's context, so that the flow's new state, its timeline notes,
/// timers, child tickets and node visits commit in one transaction with the change that moved it.
/// </summary>
public sealed class FlowEffects(DueTimers timers, TicketService tickets)
{
    public const string TimerKind = "flow";

    public static string TimerKey(long ticketId, string timerKey) => $"flow:{ticketId}:{timerKey}";

    /// <summary>Stores <paramref name="step"/>'s state on the instance and carries out its effects.</summary>
    /// <param name="timerIndex">A batch's flow timers read at once (<see cref="DueTimers.IndexAsync"/>); null: each looked up.</param>
    public async Task ApplyAsync(ScrmDbContext db, FlowInstance instance, FlowDefinition flow, Ticket ticket, FlowStep step,
        DateTimeOffset now, CancellationToken ct, TimerIndex? timerIndex = null)
    {
        instance.StateJson = DomainJson.Serialize(step.State);
        instance.Finished = step.State.Finished;
        instance.UpdatedAt = now;
        instance.Version++;
        foreach (var effect in step.Effects) await CarryOutAsync(db, instance, flow, ticket, effect, now, ct, timerIndex);
    }

    private async Task CarryOutAsync(ScrmDbContext db, FlowInstance instance, FlowDefinition flow, Ticket ticket, FlowEffect effect,
        DateTimeOffset now, CancellationToken ct, TimerIndex? timerIndex)
    {
        var actor = FlowTexts.Actor;
        switch (effect)
        {
            case AssignTask task:
                var party = task.Rule == AssigneeRule.AutoDispatch ? "自动派单" : FlowTexts.Role(task.Role);
                ticket.Note(TicketEventKind.Flow, FlowTexts.TaskAssigned, $"{Label(flow, task.NodeId)} → {party}", actor, now);
                break;
            case Notify notify:
                ticket.Note(TicketEventKind.Flow, FlowTexts.Notified, FlowTexts.Role(notify.Recipient), actor, now,
                    FlowTexts.Message(notify.Message, ticket));
                break;
            case ScheduleTimer schedule:
                await timers.ScheduleAsync(db, TimerKind, TimerKey(ticket.Id, schedule.TimerKey), schedule.DueAt, ticket.Id,
                    JsonSerializer.Serialize(new FlowTimerPayload(schedule.TimerKey)), ct, timerIndex);
                break;
            case CancelTimer cancel:
                await timers.CancelAsync(db, TimerKey(ticket.Id, cancel.TimerKey), ct);
                break;
            case SpawnChild spawn:
                await SpawnAsync(db, ticket, spawn, now, ct);
                break;
            case Escalate escalate:
                var node = flow.Node(escalate.NodeId);
                var role = node?.Role ?? node?.Levels?.FirstOrDefault()?.Role;
                ticket.RecordEscalation("flow", "TimeLimit", role, $"「{Label(flow, escalate.NodeId)}」已超出时限", actor, now);
                break;
            case RequestApproval ask:
                ticket.Note(TicketEventKind.Flow, FlowTexts.ApprovalAsked,
                    $"{ask.Approver.Label ?? Label(flow, ask.NodeId)} → {FlowTexts.Role(ask.Approver.Role)}", actor, now);
                break;
            case NodeEntered entered:
                var visit = new FlowNodeVisit
                {
                    TicketId = ticket.Id, TemplateKey = instance.TemplateKey, FlowVersion = instance.FlowVersion,
                    NodeId = entered.NodeId, EnteredAt = entered.At,
                };
                db.Add(visit);
                instance.EnteredInThisWrite.Add(visit);
                break;
            case NodeLeft left:
                if (await OpenVisitAsync(db, instance, ticket.Id, left.NodeId, ct) is { } open) open.LeftAt = left.At;
                break;
            case FlowFinished:
                instance.Finished = true;
                break;
        }
    }

    /// <summary>A pipeline step becomes a real ticket for the same customer and site; its creation note says which step it is.</summary>
    private async Task SpawnAsync(ScrmDbContext db, Ticket parent, SpawnChild spawn, DateTimeOffset now, CancellationToken ct)
    {
        // Opening a ticket takes the day's next number with a statement: not before the write gate.
        if (Events.StalePrepare.IsPreparing(db)) throw new Events.PrepareInsideException("a pipeline step opens a child ticket");
        var draft = new TicketDraft(spawn.Step.Type, $"{parent.Number} {spawn.Step.Title}",
            $"{parent.Title}：{spawn.Step.Title}（{spawn.Step.Party}）", parent.Priority, parent.CustomerId, parent.CustomerName,
            parent.SiteId, parent.SiteAddress, parent.City, parent.Region, new Scrm.Domain.Geo.GeoPoint(parent.Lat, parent.Lng),
            parent.DeviceId, parent.Id);
        var child = await tickets.OpenInAsync(db, draft, FlowTexts.Actor, now, ct);
        child.Note(TicketEventKind.Flow, FlowTexts.ChildStep, FlowTexts.StepRef(spawn.NodeId, spawn.StepIndex), FlowTexts.Actor, now,
            $"{parent.Number} 第 {spawn.StepIndex + 1} 步：{spawn.Step.Title}（{spawn.Step.Party}）");
        parent.Note(TicketEventKind.Flow, FlowTexts.ChildSpawned, $"{child.Number} {spawn.Step.Title}", FlowTexts.Actor, now);
    }

    // A visit entered earlier in this write is not saved yet; the instance remembers it, where a search of the change
    // tracker walked every tracked row for each node left (quadratic in a batch). A stored one may have been closed in
    // this write already (tracked values win over the query's), so only one still open counts.
    private static async Task<FlowNodeVisit?> OpenVisitAsync(ScrmDbContext db, FlowInstance instance, long ticketId, string nodeId,
        CancellationToken ct) =>
        instance.EnteredInThisWrite.LastOrDefault(v => v.TicketId == ticketId && v.NodeId == nodeId && v.LeftAt is null)
        ?? (await db.Set<FlowNodeVisit>().Where(v => v.TicketId == ticketId && v.NodeId == nodeId && v.LeftAt == null)
            .OrderByDescending(v => v.Id).FirstOrDefaultAsync(ct) is { LeftAt: null } stored ? stored : null);

    private static string Label(FlowDefinition flow, string nodeId) => flow.Node(nodeId)?.Label ?? nodeId;
}

/// <summary>What a flow timer carries: the engine's key, which <see cref="TimerDue"/> sends back.</summary>
public sealed record FlowTimerPayload(string TimerKey);
