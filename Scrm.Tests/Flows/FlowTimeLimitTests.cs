using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Scrm.App.Data;
using Scrm.App.Features.Flows.Runtime;
using Scrm.App.Features.Timers;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;
using Scrm.Tests.Timers;

namespace Scrm.Tests.Flows;

/// <summary>
/// 投诉处理  start → 通知客户 → 处理投诉(Manager, Resolved, 120 min) → 重要客户？ → 回访 / end
/// </summary>
[Collection(FlowRuntimeCollection.Name)]
public sealed class FlowTimeLimitTests(FlowRuntimeHost app)
{
    private readonly FlowRuntimeKit _kit = new(app);

    /// <summary>A worker of flow timers whose clock the test sets: 121 minutes from now, past the complaint's limit.</summary>
    private TimerWorker WorkerAt(DateTimeOffset now) => new(
        app.Services.GetServices<ITimerHandler>().OfType<FlowTimerHandler>(), app.Get<WritePath>(),
        app.Get<IDbContextFactory<ScrmDbContext>>(), new TimerSignal(),
        Options.Create(new TimerOptions { InstanceId = "flow-test", BatchSize = 100, MaxAttempts = 5, LeaseSeconds = 30, FallbackPollSeconds = 10 }),
        new ManualClock(now), NullLogger<TimerWorker>.Instance);

    private async Task<List<TicketEvent>> EscalationsAsync(long id) => await _kit.TimelineAsync(id, TicketEventKind.Escalated);

    [Fact]
    public async Task TheComplaintsTwoHourLimitEscalatesExactlyOnceWhenItsTimerFires()
    {
        var id = await _kit.CreateAsync(TicketType.Complaint);
        await _kit.ActiveAtAsync(id, "handle");
        var worker = WorkerAt(DateTimeOffset.UtcNow.AddMinutes(121));

        await TimerKit.DrainAsync(worker);
        await TimerKit.DrainAsync(worker);

        var escalated = (await EscalationsAsync(id)).ShouldHaveSingleItem();
        escalated.Before.ShouldBe("flow");
        escalated.After.ShouldBe("Manager");
        escalated.Field.ShouldBe("TimeLimit");
        (await _kit.InstanceAsync(id)).State().Active.ShouldHaveSingleItem().Escalated.ShouldBeTrue();
    }

    [Fact]
    public async Task TheLimitDoesNotEscalateWhenTheComplaintWasHandledInTime()
    {
        var id = await _kit.CreateAsync(TicketType.Complaint);
        await _kit.ActiveAtAsync(id, "handle");
        await _kit.WalkToAsync(id, TicketStatus.Resolved);
        await _kit.InstanceAsync(id, i => i.Finished);

        await TimerKit.DrainAsync(WorkerAt(DateTimeOffset.UtcNow.AddMinutes(121)));

        (await EscalationsAsync(id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task NothingEscalatesBeforeTheLimit()
    {
        var id = await _kit.CreateAsync(TicketType.Complaint);
        await _kit.ActiveAtAsync(id, "handle");

        await TimerKit.DrainAsync(WorkerAt(DateTimeOffset.UtcNow.AddMinutes(100)));

        (await EscalationsAsync(id)).ShouldBeEmpty();
    }
}
