using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Features.Flows;
using Scrm.App.Features.Flows.Runtime;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Api;

/// <summary>POST /api/v1/flows/{key}/migrations: running complaints moved from v1 to a republished v2, Admins only.</summary>
[Collection(ApiCollection.Name)]
public sealed class FlowMigrationApi(ApiFactory factory)
{
    private const string Key = "complaint";
    private const string Path = "/api/v1/flows/" + Key + "/migrations";

    private T Get<T>() where T : notnull => factory.Services.GetRequiredService<T>();

    private async Task<FlowInstance?> InstanceAsync(long ticketId)
    {
        await using var db = await Get<IDbContextFactory<ScrmDbContext>>().CreateForAsync(AccessScope.System);
        return await db.Set<FlowInstance>().AsNoTracking().FirstOrDefaultAsync(i => i.TicketId == ticketId);
    }

    private async Task<long> RunningComplaintAsync()
    {
        var request = TestApp.NewRequest("上海", TestApp.Marker("迁移"), nameof(TicketType.Complaint));
        request.Form = new() { ["contact_name"] = "赵敏", ["mobile"] = "13912345678", ["topic"] = "服务态度", ["details"] = "上门人员态度差" };
        var id = (await Get<TicketService>().CreateAsync(TestApp.Agent, request)).Ticket.Row.Id;
        for (var i = 0; i < 200 && await InstanceAsync(id) is null; i++) await Task.Delay(50);
        return id;
    }

    [Fact]
    public async Task AnAdminMovesRunningTicketsToTheNewVersionOthersAreRefusedAndBadInputIsNamed()
    {
        var ticket = await RunningComplaintAsync();
        var flows = Get<FlowTemplates>();
        var from = (await InstanceAsync(ticket))!.FlowVersion;
        var current = await flows.GetAsync(TestApp.Admin, Key);
        await flows.SaveDraftAsync(TestApp.Admin, Key, current.Published!.Definition);
        var to = (await flows.PublishAsync(TestApp.Admin, Key)).Published!.Number;

        var dispatcher = factory.Client(await factory.IssueKeyAsync(AppRoles.Dispatcher, "华东", TimeSpan.FromHours(1)));
        var refused = await dispatcher.PostAsJsonAsync(Path, new { from, to });
        var incomplete = await factory.Client().PostAsJsonAsync(Path, new { from });
        var moved = await factory.Client().PostAsJsonAsync(Path, new { from, to });

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        incomplete.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await incomplete.Content.ReadAsStringAsync()).ShouldContain("\"to\"");
        moved.StatusCode.ShouldBe(HttpStatusCode.OK);
        var plan = (await moved.Content.ReadFromJsonAsync<JsonObject>())!;
        plan["movable"]!.AsArray().Select(t => t!["ticketId"]!.GetValue<long>()).ShouldContain(ticket);
        var instance = (await InstanceAsync(ticket))!;
        instance.FlowVersion.ShouldBe(to);
        instance.State().Path.ShouldNotBeEmpty();
    }
}
