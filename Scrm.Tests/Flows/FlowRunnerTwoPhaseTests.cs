using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.App.Features.Flows.Runtime;
using Scrm.Domain.Flows;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Flows;

/// <summary>
/// The runner's batches read and run the engine before the write gate (ADR 0040). Driven through its batch entry under a
/// probe handler's name (the host's own runner never sees these events), the write path's hook playing the other writer.
/// </summary>
[Collection(FlowRuntimeCollection.Name)]
public sealed class FlowRunnerTwoPhase(FlowRuntimeHost app) : IDisposable
{
    private const string Probe = "flow-two-phase-probe";
    private readonly FlowRuntimeKit _kit = new(app);

    public void Dispose() => app.Get<WritePath>().AfterPrepare = null;

    private Task RunAsync(params TicketDomainEvent[] events) =>
        app.Get<FlowRunner>().HandleBatchAsync(events.Select(e => new StoredEvent(0, e.GetType().Name, e)).ToList(), Probe, default);

    /// <summary>设备维修  start → 派单(Assigned) → 接单(Accepted) → …: another write moves the flow on while the batch prepares the same move.</summary>
    [Fact]
    public async Task AFlowMovedOnBetweenPrepareAndWriteIsNotMovedTwice()
    {
        var id = await _kit.CreateAsync(TicketType.Repair);
        await _kit.ActiveAtAsync(id, "dispatch");
        var once = 0;
        app.Get<WritePath>().AfterPrepare = handler => handler == Probe && Interlocked.Exchange(ref once, 1) == 0
            ? _kit.SignalAsync(id, new StatusReached(TicketStatus.Assigned))
            : Task.CompletedTask;
        var reprepared = StalePrepare.Reprepared;

        await RunAsync(new TicketStatusChanged(TicketStatus.New, TicketStatus.Assigned, null, null) { AggregateId = id });

        await _kit.ActiveAtAsync(id, "accept");
        (await _kit.VisitsAsync(id)).Count(v => v.NodeId == "accept").ShouldBe(1);
        StalePrepare.Reprepared.ShouldBeGreaterThan(reprepared);
    }

    /// <summary>
    /// 安装 … → 分项施工 [电路检查 → 管道清洗 → 压力测试] → …: a child closing makes the parent open the next child, which takes
    /// a ticket number with a statement, so that batch is prepared inside the gate.
    /// </summary>
    [Fact]
    public async Task ABatchThatOpensAPipelineChildIsPreparedInsideTheGateAndOpensItOnce()
    {
        var parent = await _kit.CreateAsync(TicketType.Installation, "安装 多联机");
        await _kit.ActiveAtAsync(parent, "stock", "book");
        await _kit.SignalAsync(parent, new SectionCompleted("stock"));
        await _kit.SignalAsync(parent, new SectionCompleted("appointment"));
        var first = (await _kit.WaitForChildrenAsync(parent, 1)).ShouldHaveSingleItem();
        var inside = StalePrepare.PreparedInside;

        await RunAsync(new TicketStatusChanged(TicketStatus.Resolved, TicketStatus.Closed, null, null) { AggregateId = first.Id });

        var children = await _kit.ChildrenAsync(parent);
        children.Count.ShouldBe(2);
        children[1].Title.ShouldEndWith("管道清洗");
        StalePrepare.PreparedInside.ShouldBeGreaterThan(inside);
    }
}
