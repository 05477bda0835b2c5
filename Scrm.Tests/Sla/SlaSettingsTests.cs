using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Sla;
using Scrm.App.Features.Shared;
using Scrm.Domain.Sla;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Sla;

/// <summary>SLA settings an Admin edits, defaults out of the box, and SLA repair after a calendar changed.</summary>
public sealed class SlaSettingsTests(SlaHost app) : IClassFixture<SlaHost>
{
    private SlaSettings Settings => app.Get<SlaSettings>();

    [Fact]
    public async Task EveryDatabaseStartsWithTheDefaultCalendarsAndPolicies()
    {
        var (policies, calendars) = await Settings.ListAsync(TestApp.Admin);

        policies.Select(p => p.Policy.Name).ShouldBe(["紧急", "投诉", "金牌客户", "标准"]);
        calendars.Count.ShouldBe(SampleSla.Calendars().Count);
    }

    [Fact]
    public async Task OnlyAnAdminChangesSettingsAndOnlyAdminsAndManagersReadThem()
    {
        var manager = TestApp.Scope("m", "经理", AppRoles.Manager, allRegions: true);
        var (policies, calendars) = await Settings.ListAsync(manager);

        await Should.ThrowAsync<AccessDeniedException>(() => Settings.SavePolicyAsync(manager, policies[0].Id, policies[0].Policy, policies[0].Version));
        await Should.ThrowAsync<AccessDeniedException>(() => Settings.SaveCalendarAsync(manager, calendars[0].Id, calendars[0].Calendar, calendars[0].Version));
        await Should.ThrowAsync<AccessDeniedException>(() => app.Get<SlaRepair>().RecomputeAsync(manager, new(DateTimeOffset.MinValue, DateTimeOffset.MaxValue)));
        await Should.ThrowAsync<AccessDeniedException>(() => Settings.ListAsync(TestApp.Agent));
    }

    [Fact]
    public async Task AnInvalidCalendarIsRefusedFieldByField()
    {
        var (_, calendars) = await Settings.ListAsync(TestApp.Admin);
        var east = calendars.Single(c => c.Calendar.Region == Scrm.Domain.Geo.Regions.North);

        var refused = await Should.ThrowAsync<InputRejectedException>(() => Settings.SaveCalendarAsync(TestApp.Admin, east.Id,
            east.Calendar with { TimeZoneId = "Mars/Olympus", WorkingWeekends = [new DateOnly(2030, 3, 6)] }, east.Version));

        refused.Errors.Select(e => (e.Field, e.Code)).ShouldBe(
            [("timeZoneId", SlaProblemCodes.UnknownTimeZone), ("workingWeekends", SlaProblemCodes.BadWorkingWeekend)], ignoreOrder: true);
    }

    [Fact]
    public async Task AHolidayAddedAfterwardsMovesTheBreachOnRecomputeAndSaysSo()
    {
        var start = app.NextTuesday();
        var created = await app.Tickets.CreateAsync(TestApp.Admin, TestApp.NewRequest("上海", TestApp.Marker("补假")));
        var id = created.Ticket.Row.Id;
        await app.SettledAsync(id);
        await app.AdvanceAsync(TimeSpan.FromHours(4));  // 14:00: 3 working hours, past the 2-hour response
        // The 100 % step gave it to a technician: let the tracker see that move before the calendar changes.
        await app.CaughtUpAsync(nameof(Scrm.App.Features.Dispatch.EscalationReassign));
        (await app.SettledAsync(id)).BreachedAt.ShouldBe(start.AddHours(2));

        var (_, calendars) = await Settings.ListAsync(TestApp.Admin);
        var east = calendars.Single(c => c.Calendar.Region == Scrm.Domain.Geo.Regions.East);
        await Settings.SaveCalendarAsync(TestApp.Admin, east.Id,
            east.Calendar with { Holidays = [.. east.Calendar.Holidays, DateOnly.FromDateTime(start.DateTime)] }, east.Version);
        var result = await app.Get<SlaRepair>().RecomputeAsync(TestApp.Admin,
            new(start.AddDays(-1), app.Clock.Now, CalendarKey: SampleSla.Workdays));

        var line = result.Changed.Single(l => l.TicketId == id);
        line.BreachedBefore.ShouldBe(start.AddHours(2));
        line.BreachedAfter.ShouldBeNull();
        var row = await app.SlaAsync(id);
        row.State.ShouldBe(SlaClockState.Running);
        row.NextDueAt.ShouldBe(start.AddDays(1).AddHours(1));  // Wednesday 09:00 + 2 h
        var note = (await app.TimelineAsync(id, TicketEventKind.Sla)).Last();
        note.Field.ShouldBe("Recomputed");
        note.ActorName.ShouldBe(TestApp.Admin.Actor.Name);
        note.Comment!.ShouldEndWith("→ 未超时");
        await using var db = await app.DbAsync();
        (await db.AuditEntries.AnyAsync(a => a.Entity == "SlaRepair" && a.UserId == TestApp.Admin.Actor.Id)).ShouldBeTrue();
    }
}
