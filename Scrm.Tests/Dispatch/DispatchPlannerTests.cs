using Microsoft.EntityFrameworkCore;
using Scrm.App.Features.Dispatch;
using Scrm.App.Features.Shared;
using Scrm.Domain.Dispatch.Scoring;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Dispatch;

/// <summary>The ranking the control room and the API show, from the real database, and assigning by it.</summary>
[Collection(AppCollection.Name)]
public sealed class DispatchPlannerTests(TestApp app)
{
    private DispatchPlanner Planner => app.Get<DispatchPlanner>();

    /// <summary>A ticket in 成都 (西南), whose technicians are all put on call with room for more, whatever the hour.</summary>
    private async Task<Scrm.App.Features.Tickets.TicketDetail> CoffeeMachineTicketAsync()
    {
        await app.PutOnCallAsync(Regions.Southwest);
        return await app.CreateTicketAsync(TestApp.Admin, "成都", "咖啡机不出水 " + Guid.NewGuid().ToString("N")[..6], nameof(TicketType.Maintenance));
    }

    [Fact]
    public async Task TheRegionsBestAreRankedWithEightExplainedCriteria()
    {
        var ticket = await CoffeeMachineTicketAsync();

        var list = await Planner.CandidatesAsync(TestApp.Dispatcher(Regions.Southwest), ticket.Row.Id);

        list.Job.Skill.ShouldBe("咖啡机");
        list.SkillInferred.ShouldBeTrue();
        // A region this small fits the list whole: everyone is ranked, the excluded with what excluded them.
        list.Candidates.Count.ShouldBe(Math.Min(DispatchPlanner.Shown, (await app.TechnicianIdsAsync(Regions.Southwest)).Count));
        list.Candidates.ShouldAllBe(c => c.Breakdown.Count == 8 && c.Technician.Region == Regions.Southwest);
        var eligible = list.Candidates.TakeWhile(c => !c.Excluded).ToList();
        eligible.Select(c => c.Total).ShouldBeInOrder(SortDirection.Descending);
        list.Candidates.SkipWhile(c => !c.Excluded).ShouldAllBe(c => c.Excluded && c.ExcludedBy.Count > 0);
    }

    [Fact]
    public async Task ATicketWithNoTradeToGoByLeavesSkillOut()
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "成都", "门店例行检查 " + Guid.NewGuid().ToString("N")[..6], nameof(TicketType.Maintenance));

        var list = await Planner.CandidatesAsync(TestApp.Admin, ticket.Row.Id);

        list.SkillInferred.ShouldBeFalse();
        list.Candidates.ShouldAllBe(c => c.Breakdown.Single(b => b.Criterion == DispatchCriterion.Skill).Mode == CriterionMode.Off);
    }

    [Fact]
    public async Task AnotherRegionsDispatcherCannotSeeTheRankingAndAnAgentCannotAssign()
    {
        var ticket = await CoffeeMachineTicketAsync();

        await Should.ThrowAsync<NotFoundException>(() => Planner.CandidatesAsync(TestApp.Dispatcher(Regions.East), ticket.Row.Id));
        await Should.ThrowAsync<AccessDeniedException>(() => Planner.CandidatesAsync(TestApp.Agent, ticket.Row.Id));
    }

    [Fact]
    public async Task PassingOverTheTopCandidateNeedsAReasonThatTheTimelineKeeps()
    {
        var ticket = await CoffeeMachineTicketAsync();
        var dispatcher = TestApp.Dispatcher(Regions.Southwest);
        var list = await Planner.CandidatesAsync(dispatcher, ticket.Row.Id);
        var other = list.Candidates.Where(c => c.Technician.Id != list.Best?.Technician.Id).First();

        var refused = await Should.ThrowAsync<InputRejectedException>(() => Planner.AssignAsync(dispatcher, ticket.Row.Id, other.Technician.Id, null));
        refused.Errors.ShouldHaveSingleItem().Code.ShouldBe("Dispatch.OverrideReasonRequired");

        var assigned = await Planner.AssignAsync(dispatcher, ticket.Row.Id, other.Technician.Id, "客户指定要他");

        assigned.Row.AssigneeId.ShouldBe(other.Technician.Id);
        assigned.Events.ShouldContain(e => e.Kind == TicketEventKind.Assigned && e.Comment!.Contains("改派理由：客户指定要他"));
    }

    [Fact]
    public async Task TheTopCandidateIsAssignedWithoutAReason()
    {
        var ticket = await CoffeeMachineTicketAsync();
        var list = await Planner.CandidatesAsync(TestApp.Admin, ticket.Row.Id);
        var best = list.Best.ShouldNotBeNull();

        var assigned = await Planner.AssignAsync(TestApp.Admin, ticket.Row.Id, best.Technician.Id, null);

        assigned.Row.AssigneeId.ShouldBe(best.Technician.Id);
    }
}
