using System.Text.Json;
using Scrm.App.Data;
using Scrm.App.Features.Timers;
using Scrm.Domain.Flows;

namespace Scrm.App.Features.Flows.Runtime;

/// <summary>
/// A flow's timer is due: its ticket's flow gets <see cref="TimerDue"/>. The effects are made on the worker's context,
/// so they commit with the timer's fired mark, exactly once. A stale timer (the node left meanwhile) changes nothing.
/// </summary>
public sealed class FlowTimerHandler(FlowRunner runner) : ITimerHandler
{
    public string Kind => FlowEffects.TimerKind;

    public async Task FireAsync(ScrmDbContext db, DueTimer timer, CancellationToken ct)
    {
        if (timer.TicketId is not { } ticketId) return;
        var payload = JsonSerializer.Deserialize<FlowTimerPayload>(timer.Payload);
        if (payload?.TimerKey is not { Length: > 0 } key) return;
        await runner.SignalAsync(db, ticketId, new TimerDue(key), ct);
    }
}
