using Microsoft.EntityFrameworkCore;
using Scrm.App.Features.Dispatch;
using Scrm.Domain.Dispatch;
using Scrm.Domain.Dispatch.Batch;
using Scrm.Domain.Dispatch.Scoring;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Dispatch;

/// <summary>A host of its own: assigning a whole region's queue must not take other tests' tickets.</summary>
public sealed class BatchHost : TestApp;

/// <summary>"Assign the queue": the optimal plan over the real data, explained per ticket, applied on confirmation.</summary>
public sealed class BatchDispatchTests(BatchHost app) : IClassFixture<BatchHost>
{
    [Fact]
    public async Task TheQueueIsPlacedWithARunnerUpForEachChoiceAndAppliedOnlyWhenConfirmed()
    {
        await app.PutOnCallAsync(Regions.Southwest);
        for (var i = 0; i < 3; i++) await app.CreateTicketAsync(TestApp.Admin, "成都", $"咖啡机不出水 批量 {i}", nameof(TicketType.Maintenance));
        var dispatcher = TestApp.Dispatcher(Regions.Southwest);
        var batch = app.Get<BatchDispatch>();

        var proposal = await batch.ProposeAsync(dispatcher);

        proposal.Choices.Count.ShouldBeGreaterThanOrEqualTo(3);
        proposal.AssignedCount.ShouldBe(proposal.Choices.Count);
        proposal.Choices.ShouldAllBe(c => c.TechnicianName != null && c.Score > 0 && c.RunnerUpName != null && c.Gap >= 0);
        (await app.Get<ControlRoomQueries>().SnapshotAsync(dispatcher)).Queue.Count().ShouldBe(proposal.Choices.Count, "nothing assigned before confirmation");

        (await batch.ApplyAsync(dispatcher, proposal)).ShouldBe(proposal.AssignedCount);

        (await app.Get<ControlRoomQueries>().SnapshotAsync(dispatcher)).Queue.ShouldBeEmpty();
        var ticket = await app.LoadTicketAsync(proposal.Choices[0].TicketId);
        ticket.AssigneeId.ShouldBe(proposal.Choices[0].TechnicianId);
    }

    [Fact]
    public async Task WhenEveryoneIsFullTheTicketWaitsAndSaysWhy()
    {
        // Nobody in the region can take work today: every technician is off duty. (Capping each day at the jobs held
        // raced with the acceptance timers of the other test's assignments: a job taken back left room.)
        await using (var db = await app.DbAsync())
        {
            foreach (var technician in await db.Technicians.Where(t => t.Region == Regions.Southwest).ToListAsync())
                technician.SetStatus(TechnicianStatus.OffDuty);
            await db.SaveChangesAsync();
        }
        await app.Get<Scrm.App.Features.Dispatch.Roster.TechnicianRoster>().ReloadAsync(Regions.Southwest);
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "成都", "咖啡机不出水 都满了", nameof(TicketType.Maintenance));

        var proposal = await app.Get<BatchDispatch>().ProposeAsync(TestApp.Dispatcher(Regions.Southwest));

        var choice = proposal.Choices.Single(c => c.TicketId == ticket.Row.Id);
        choice.TechnicianId.ShouldBeNull();
        choice.Blocker.ShouldBe(BatchBlockerKind.NoFeasibleTechnician);
        choice.BlockerReason.ShouldBeOneOf(DispatchReasons.DailyCapReached, DispatchReasons.OffShift);
    }
}
