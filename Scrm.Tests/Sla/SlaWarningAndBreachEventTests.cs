using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.App.Features.Sla;
using Scrm.App.Features.Timers;
using Scrm.Domain.Sla;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Sla;

/// <summary>
/// TicketSlaWarning and TicketSlaBreached travel in the outbox with the SLA change that found them: a warning once per
/// clock and step below 100 %, a breach once per clock, also when a timer fires again or a repair back-dates it.
/// </summary>
public sealed class SlaWarningAndBreachEventTests(SlaHost app) : IClassFixture<SlaHost>
{
    private async Task<long> CreateAsync(string priority, string type = nameof(TicketType.Repair))
    {
        var created = await app.Tickets.CreateAsync(TestApp.Admin, TestApp.NewRequest("上海", TestApp.Marker("预警"), type, priority));
        await app.SettledAsync(created.Ticket.Row.Id);
        return created.Ticket.Row.Id;
    }

    private async Task<List<T>> RaisedAsync<T>(long ticketId) where T : Scrm.Domain.Common.DomainEvent
    {
        var types = app.Get<EventTypes>();
        await using var db = await app.DbAsync();
        var rows = await db.OutboxMessages.AsNoTracking().Where(m => m.AggregateId == ticketId && m.Type == typeof(T).Name)
            .OrderBy(m => m.Id).ToListAsync();
        return rows.Select(m => (T)types.Deserialize(m.Type, m.Payload)).ToList();
    }

    [Fact]
    public async Task EachWarningStepAndTheBreachAreRaisedOnceAsTheLadderFires()
    {
        var start = app.NextTuesday();
        var id = await CreateAsync(nameof(TicketPriority.Urgent));  // 紧急: response in 30 min, round the clock
        (await RaisedAsync<TicketSlaWarning>(id)).ShouldBeEmpty();

        await app.AdvanceAsync(TimeSpan.FromMinutes(15));
        var warnings = await RaisedAsync<TicketSlaWarning>(id);
        warnings.Select(w => (w.Metric, w.AtPercent, w.DueAt)).ShouldBe([("FirstResponse", 50, start.AddMinutes(30))]);
        await app.AdvanceAsync(TimeSpan.FromMinutes(7.5));
        (await RaisedAsync<TicketSlaWarning>(id)).Select(w => w.AtPercent).ShouldBe([50, 75]);
        (await RaisedAsync<TicketSlaBreached>(id)).ShouldBeEmpty();

        await app.AdvanceAsync(TimeSpan.FromMinutes(7.5).Add(TimeSpan.FromSeconds(1)));
        await app.FireDueAsync(app.NewWorker("second"));
        await app.SettledAsync(id);
        // A later move recomputes the clocks again: the breach is not raised a second time.
        var technician = (await app.TechnicianIdsAsync(Scrm.Domain.Geo.Regions.East))[0];
        await app.Tickets.AssignAsync(TestApp.Admin, id, technician, null);
        await app.Tickets.TransitionAsync(TestApp.Admin, id, TicketStatus.Accepted, null);
        await app.SettledAsync(id);
        await app.AdvanceAsync(TimeSpan.FromMinutes(5));

        var breach = (await RaisedAsync<TicketSlaBreached>(id)).ShouldHaveSingleItem();
        (breach.Metric, breach.DueAt, breach.BreachedAt).ShouldBe(("FirstResponse", start.AddMinutes(30), start.AddMinutes(30)));
        // 100 % and beyond are the breach's, not warnings.
        (await RaisedAsync<TicketSlaWarning>(id)).Select(w => w.AtPercent).ShouldBe([50, 75]);
        (await app.TimelineAsync(id, TicketEventKind.Sla)).Count(e => e.Field == Ticket.SlaBreachField).ShouldBe(1);
    }

    [Fact]
    public async Task AStepTimerFiredAgainDoesNotWarnTwice()
    {
        app.NextTuesday();
        var id = await CreateAsync(nameof(TicketPriority.Urgent));
        await app.AdvanceAsync(TimeSpan.FromMinutes(16));
        (await RaisedAsync<TicketSlaWarning>(id)).ShouldHaveSingleItem();

        // The 50 % step's timer handed to its handler once more, as a redelivery would.
        DueTimer fired;
        await using (var db = await app.DbAsync())
            fired = await db.DueTimers.AsNoTracking().SingleAsync(t => t.Key == SlaRecalculator.TimerKey(id, "urgent", SlaMetric.FirstResponse, 0));
        fired.FiredAt.ShouldNotBeNull();
        await app.Get<WritePath>().RunAsync(AccessScope.System,
            async (db, ct) =>
            {
                await app.Get<IEnumerable<ITimerHandler>>().OfType<SlaEscalationHandler>().Single().FireAsync(db, fired, ct);
                return true;
            });

        (await RaisedAsync<TicketSlaWarning>(id)).ShouldHaveSingleItem().AtPercent.ShouldBe(50);
    }

    [Fact]
    public async Task ARepairThatFindsAnEarlierBreachRaisesItBackDatedOnce()
    {
        var start = app.NextTuesday();
        var id = await CreateAsync(nameof(TicketPriority.Normal), nameof(TicketType.Complaint));  // 投诉: 2 working hours
        await app.AdvanceAsync(TimeSpan.FromMinutes(60));
        (await RaisedAsync<TicketSlaBreached>(id)).ShouldBeEmpty();

        // The complaint target is cut to 45 minutes afterwards: the ticket breached at 10:45, which only a repair finds.
        var settings = app.Get<SlaSettings>();
        var complaint = (await settings.ListAsync(TestApp.Admin)).Policies.Single(p => p.Policy.Key == "complaint");
        await settings.SavePolicyAsync(TestApp.Admin, complaint.Id, complaint.Policy with { FirstResponseMinutes = 45 }, complaint.Version);
        var repair = new SlaRepairRequest(start.AddDays(-1), app.Clock.Now, PolicyKey: "complaint");
        await app.Get<SlaRepair>().RecomputeAsync(TestApp.Admin, repair);
        await app.Get<SlaRepair>().RecomputeAsync(TestApp.Admin, repair);
        await app.AdvanceAsync(TimeSpan.FromMinutes(1));

        var breach = (await RaisedAsync<TicketSlaBreached>(id)).ShouldHaveSingleItem();
        (breach.Metric, breach.BreachedAt).ShouldBe(("FirstResponse", start.AddMinutes(45)));
    }
}
