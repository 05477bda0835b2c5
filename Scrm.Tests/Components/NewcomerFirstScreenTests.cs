using Scrm.App.Components.Pages;
using Scrm.App.Data;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Components;

/// <summary>Where each role starts after signing in, and what the technician's first screen lists.</summary>
[Collection(AppCollection.Name)]
public sealed class NewcomerFirstScreen(TestApp app)
{
    [Theory]
    [InlineData(AppRoles.Warehouse, "/catalog")]
    [InlineData(AppRoles.Dispatcher, "/board")]
    [InlineData(AppRoles.Finance, "/tickets")]
    [InlineData(AppRoles.Agent, "/tickets")]
    [InlineData(AppRoles.Admin, "/tickets")]
    public void EachRoleLandsWhereItsWorkIs(string role, string path) =>
        Home.FirstScreen(TestApp.Scope("first-screen", "首屏", role, allRegions: false, Regions.East)).ShouldBe(path);

    [Fact]
    public void ATechnicianLandsOnTheirJobs() =>
        Home.FirstScreen(TestApp.Technician(1, Regions.East)).ShouldBe("/my");

    [Fact]
    public async Task TheTechniciansJobsAreTheWorkInHandPickedByTheDatabase()
    {
        var technician = (await app.TechnicianIdsAsync(Regions.Southwest))[^1];
        var resolved = await AssignedAsync(technician);
        foreach (var to in new[] { TicketStatus.Accepted, TicketStatus.EnRoute, TicketStatus.OnSite, TicketStatus.InProgress, TicketStatus.Resolved })
            await app.Tickets.TransitionAsync(TestApp.Admin, resolved, to, null);
        var inHand = await AssignedAsync(technician);

        var jobs = await app.Queries.ListAsync(TestApp.Technician(technician, Regions.Southwest),
            new TicketFilter { AssigneeId = technician, WorkInHandOnly = true, PageSize = TicketQueries.MaxPageSize });

        jobs.Items.Select(j => j.Id).ShouldContain(inHand);
        jobs.Items.Select(j => j.Id).ShouldNotContain(resolved);
        jobs.Items.ShouldAllBe(j => TicketWorkflow.IsWorkInHand(j.Status));
        // The count is the database's: a filter applied after paging would count the resolved ticket as well.
        jobs.Total.ShouldBe(jobs.Items.Count);
    }

    private async Task<long> AssignedAsync(long technician)
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "成都");
        await app.Tickets.AssignAsync(TestApp.Admin, ticket.Row.Id, technician, null);
        return ticket.Row.Id;
    }
}
