using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Features.Flows.Runtime;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Flows;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Api;

/// <summary>GET /api/v1/tickets/{id}/flow and POST …/flow/decisions on the demo's published flows.</summary>
[Collection(ApiCollection.Name)]
public sealed class TicketFlowApi(ApiFactory factory)
{
    private T Get<T>() where T : notnull => factory.Services.GetRequiredService<T>();

    private async Task<long> CreateAsync(TicketType type, Dictionary<string, object?>? form = null)
    {
        var request = TestApp.NewRequest("上海", TestApp.Marker(type.ToString()), type.ToString());
        request.Form = form;
        return (await Get<TicketService>().CreateAsync(TestApp.Agent, request)).Ticket.Row.Id;
    }

    private async Task WaitForNodeAsync(long ticketId, string nodeId)
    {
        for (var i = 0; i < 200; i++)
        {
            await using (var db = await Get<IDbContextFactory<ScrmDbContext>>().CreateForAsync(AccessScope.System))
            {
                var instance = await db.Set<FlowInstance>().AsNoTracking().FirstOrDefaultAsync(f => f.TicketId == ticketId);
                if (instance?.State().ActiveAt(nodeId) is not null) return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"Ticket {ticketId} never waited at {nodeId}.");
    }

    private async Task<long> AwaitingApprovalAsync()
    {
        var id = await CreateAsync(TicketType.Return, new()
        {
            ["contact_name"] = "刘洋", ["mobile"] = "13912345678", ["order_no"] = "JD-2026-0002",
            ["kind"] = "退货", ["reason"] = "不想要了", ["amount"] = 6000m,
        });
        await WaitForNodeAsync(id, "quote");
        await Get<WritePath>().RunAsync(AccessScope.System, async (db, ct) =>
            await Get<FlowRunner>().SignalAsync(db, id, new SectionCompleted("discount"), ct));
        await WaitForNodeAsync(id, "approve");
        return id;
    }

    private static string FlowPath(long id) => $"{ApiRequests.TicketsPath}/{id}/flow";

    [Fact]
    public async Task ReadsTheTicketsFlowWithItsActiveNodesPathAndClocks()
    {
        var id = await CreateAsync(TicketType.Repair);
        await WaitForNodeAsync(id, "dispatch");

        // The SLA module starts the clocks from the same TicketCreated as the flow, in its own handler: read once both have.
        var flow = await FlowWithClocksAsync(id);
        ((string)flow["key"]!).ShouldBe("equipment-repair");
        ((string)flow["name"]!).ShouldBe("设备维修");
        ((bool)flow["finished"]!).ShouldBeFalse();
        var active = flow["active"]!.AsArray().ShouldHaveSingleItem()!;
        ((string)active["id"]!).ShouldBe("dispatch");
        ((string)active["kind"]!).ShouldBe("Task");
        ((string)active["waitingForStatus"]!).ShouldBe("Assigned");
        flow["path"]!.AsArray().Select(p => (string)p!["nodeId"]!).ShouldBe(["start", "dispatch"]);
        flow["pendingApproval"].ShouldBeNull();
        var clocks = flow["slaClocks"]!.AsArray();
        clocks.Select(c => (string)c!["metric"]!).ShouldBe(["FirstResponse", "Arrival", "Resolution"]);
        clocks.ShouldAllBe(c => (string)c!["state"]! == "Running");
    }

    private async Task<JsonObject> FlowWithClocksAsync(long id)
    {
        for (var i = 0; i < 200; i++)
        {
            var response = await factory.Client().GetAsync(FlowPath(id));
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var flow = await response.ReadObjectAsync();
            if (flow["slaClocks"]!.AsArray().Count == 3) return flow;
            await Task.Delay(50);
        }
        throw new TimeoutException($"Ticket {id}'s SLA clocks never started.");
    }

    [Fact]
    public async Task AnotherRegionsDispatcherCannotReadTheFlow()
    {
        var id = await CreateAsync(TicketType.Repair);
        await WaitForNodeAsync(id, "dispatch");
        var south = factory.Client(await factory.IssueKeyAsync(AppRoles.Dispatcher, "华南", TimeSpan.FromHours(1)));
        var east = factory.Client(await factory.IssueKeyAsync(AppRoles.Dispatcher, "华东", TimeSpan.FromHours(1)));

        (await south.GetAsync(FlowPath(id))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await east.GetAsync(FlowPath(id))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DecisionsAreRefusedAsProblemsForTheWrongRoleAMissingCommentAndAStaleVersion()
    {
        var id = await AwaitingApprovalAsync();
        var manager = factory.Client(await factory.IssueKeyAsync(AppRoles.Manager, "华东", TimeSpan.FromHours(1)));
        var dispatcher = factory.Client(await factory.IssueKeyAsync(AppRoles.Dispatcher, "华东", TimeSpan.FromHours(1)));
        var path = FlowPath(id) + "/decisions";

        var wrongRole = await manager.PostAsJsonAsync(path, new { nodeId = "approve", outcome = "Approved" });
        wrongRole.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        wrongRole.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var silent = await dispatcher.PostAsJsonAsync(path, new { nodeId = "approve", outcome = "Rejected" });
        silent.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        ((string)(await silent.ReadObjectAsync())["code"]!).ShouldBe("Flow.CommentRequired");
        var stale = await dispatcher.PostAsJsonAsync(path, new { nodeId = "approve", outcome = "Approved", expectedVersion = 1 });
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await dispatcher.PostAsJsonAsync(path, new { nodeId = "approve", outcome = "Maybe" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var approved = await dispatcher.PostAsJsonAsync(path, new { nodeId = "approve", outcome = "Approved" });

        approved.StatusCode.ShouldBe(HttpStatusCode.OK);
        ((string)(await approved.ReadObjectAsync())["pendingApproval"]!["role"]!).ShouldBe("Manager");
    }
}
