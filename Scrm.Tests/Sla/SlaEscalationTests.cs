using Scrm.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Sla;
using Scrm.App.Features.Timers;
using Scrm.Domain.Sla;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Sla;

/// <summary>The escalation ladder on durable timers: each step once, at its time, only while its clock runs.</summary>
public sealed class SlaEscalationTests(SlaHost app) : IClassFixture<SlaHost>
{
    private async Task<long> CreateAsync(string priority = nameof(TicketPriority.Urgent), string type = nameof(TicketType.Repair))
    {
        var created = await app.Tickets.CreateAsync(TestApp.Admin, TestApp.NewRequest("上海", TestApp.Marker("升级"), type, priority));
        await app.SettledAsync(created.Ticket.Row.Id);
        return created.Ticket.Row.Id;
    }

    private async Task<List<(string Action, string? Role, string Reason)>> EscalationsAsync(long id) =>
        (await app.TimelineAsync(id, TicketEventKind.Escalated)).Where(e => e.Before == "sla").Select(e => (e.Field!, e.After, e.Comment!)).ToList();

    [Fact]
    public async Task TheLadderFiresEachStepOnceAtItsTimeHoweverOftenWorkersRun()
    {
        app.NextTuesday();
        var id = await CreateAsync();

        await app.AdvanceAsync(TimeSpan.FromMinutes(15));
        (await EscalationsAsync(id)).Select(e => e.Action).ShouldBe(["RemindAssignee"]);
        await app.AdvanceAsync(TimeSpan.FromMinutes(7.5));
        (await EscalationsAsync(id)).Select(e => e.Action).ShouldBe(["RemindAssignee", "NotifySupervisor"]);
        await app.AdvanceAsync(TimeSpan.FromMinutes(7.5));
        // A second worker, and a restarted one, find nothing left to do.
        await app.FireDueAsync(app.NewWorker("second"));
        await app.FireDueAsync(app.NewWorker("restarted"));

        var fired = await EscalationsAsync(id);
        fired.Select(e => e.Action).ShouldBe(["RemindAssignee", "NotifySupervisor", "ReassignToBackup", "NotifyManager"]);
        fired[1].Role.ShouldBe(AppRoles.Dispatcher);
        fired[3].Role.ShouldBe(AppRoles.Manager);
        fired[0].Reason.ShouldContain("响应已用 50%");
        fired[2].Reason.ShouldContain("响应已用 100%");
        (await app.SlaAsync(id)).State.ShouldBe(SlaClockState.Running);  // at 100 % exactly, not yet past it
        await app.AdvanceAsync(TimeSpan.FromSeconds(1));
        (await app.SlaAsync(id)).State.ShouldBe(SlaClockState.Breached);
        // Nobody held it, so there was nobody to reassign from: it waits in the queue for the dispatcher.
        await app.CaughtUpAsync(nameof(Scrm.App.Features.Dispatch.EscalationReassign));
        var ticket = await app.LoadTicketAsync(id);
        (ticket.Status, ticket.AssigneeId).ShouldBe((TicketStatus.New, (long?)null));
    }

    [Fact]
    public async Task AStepIsNotFiredWhenItsClockStoppedFirst()
    {
        app.NextTuesday();
        var id = await CreateAsync();
        var technician = (await app.TechnicianIdsAsync(Scrm.Domain.Geo.Regions.East))[0];
        await app.AdvanceAsync(TimeSpan.FromMinutes(5));
        await app.Tickets.AssignAsync(TestApp.Admin, id, technician, null);
        await app.Tickets.TransitionAsync(TestApp.Admin, id, TicketStatus.Accepted, null);
        await app.SettledAsync(id);

        await using (var db = await app.DbAsync())
            (await db.DueTimers.Where(t => t.TicketId == id && t.Key.Contains(":FirstResponse:")).AllAsync(t => t.CancelledAt != null)).ShouldBeTrue();
        // Even a step timer that fires anyway (scheduled again behind the tracker's back) finds the clock stopped.
        await app.Get<WritePath>().RunAsync(AccessScope.System, (db, ct) => app.Get<DueTimers>().ScheduleAsync(db, SlaRecalculator.TimerKind,
            SlaRecalculator.TimerKey(id, "urgent", SlaMetric.FirstResponse, 0), app.Clock.Now, id,
            DomainJson.Serialize(new SlaTimerPayload(id, "urgent", SlaMetric.FirstResponse, 0)), ct));
        await app.AdvanceAsync(TimeSpan.FromMinutes(30));

        (await EscalationsAsync(id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AComplaintNotAnsweredInTwoWorkingHoursGoesToTheSupervisor()
    {
        app.NextTuesday();
        var id = await CreateAsync(nameof(TicketPriority.Normal), nameof(TicketType.Complaint));
        (await app.SlaAsync(id)).PolicyKey.ShouldBe("complaint");

        await app.AdvanceAsync(TimeSpan.FromMinutes(89));
        (await EscalationsAsync(id)).Select(e => e.Action).ShouldBe(["RemindAssignee"]);
        await app.AdvanceAsync(TimeSpan.FromMinutes(1));

        var supervisor = (await EscalationsAsync(id)).Last();
        supervisor.Action.ShouldBe("NotifySupervisor");
        supervisor.Role.ShouldBe(AppRoles.Dispatcher);
        supervisor.Reason.ShouldStartWith("投诉 SLA 响应已用 75%");
    }
}
