using Scrm.Domain.Common;
using Scrm.App.Features.Dispatch;
using Scrm.App.Features.Dispatch.Map;
using Scrm.App.Features.Sla;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Sla;
using Scrm.Domain.Tickets;

namespace Scrm.Tests.Sla;

/// <summary>Cards and pins take the SLA's colour where a ticket has clocks, the old age or priority colour where not.</summary>
public sealed class SlaColourTests
{
    private static readonly DateTimeOffset Now = new(2030, 3, 5, 2, 0, 0, TimeSpan.Zero);

    private static TicketRow Row(TicketStatus status = TicketStatus.Assigned) => new(1, "T", "冰柜不制冷", TicketType.Repair,
        TicketPriority.Urgent, status, "客户", "上海", "华东", null, null, Now.AddDays(-3), Now, 1);

    private static TicketPin Pin(SlaSummary? sla) => new(1, "T", "冰柜不制冷", TicketType.Repair, TicketPriority.Low, TicketStatus.New,
        "客户", "上海", "华东", 31.2, 121.4, null, null, Now, 1, sla);

    [Fact]
    public void ABoardCardShowsTheSlaInsteadOfItsAge()
    {
        BoardView.AgeBand(Row(), Now).ShouldBe("age-red");  // three days old
        BoardView.SlaBand(Row(), new SlaSummary(SlaClockState.Running, 40, 0)).ShouldBe("age-green");
        BoardView.SlaBand(Row(), new SlaSummary(SlaClockState.Running, 80, 0)).ShouldBe("age-amber");
        BoardView.SlaBand(Row(), new SlaSummary(SlaClockState.Breached, 120, 2)).ShouldBe("age-red");
        BoardView.SlaBand(Row(TicketStatus.Resolved), new SlaSummary(SlaClockState.Breached, 120, 2)).ShouldBe("age-done");
    }

    [Fact]
    public void APinIsColouredBySlaWhereTheTicketHasClocks()
    {
        var low = MapScenes.PinColour(Pin(null));
        var onTime = MapScenes.PinColour(Pin(new SlaSummary(SlaClockState.Running, 10, 0)));
        var atRisk = MapScenes.PinColour(Pin(new SlaSummary(SlaClockState.Running, 90, 0)));
        var breached = MapScenes.PinColour(Pin(new SlaSummary(SlaClockState.Breached, 110, 0)));

        new[] { low, onTime, atRisk, breached }.Distinct().Count().ShouldBe(4);
        MapScenes.PinLegend.ShouldContain(("Sla.State.Breached", breached));
    }

    [Fact]
    public void AStoredRunningClockPastItsDueTimeReadsBreached()
    {
        var clock = new SlaClock(SlaMetric.FirstResponse, 30, Now.AddHours(-1), null, TimeSpan.FromMinutes(20), TimeSpan.Zero,
            Now.AddMinutes(-10), null, SlaClockState.Running, 66.7, [new SlaClockRun(Now.AddHours(-1), null)]);
        var row = new TicketSla { PolicyKey = "urgent", ClocksJson = DomainJson.Serialize(new[] { clock }), State = SlaClockState.Running, NextDueAt = clock.DueAt };

        var summary = SlaQueries.Summary(row, 1, Now);
        summary.State.ShouldBe(SlaClockState.Breached);
        summary.PercentUsed.ShouldBe(100 + 10.0 / 30 * 100, 0.001);
        summary.Escalations.ShouldBe(1);
    }
}
