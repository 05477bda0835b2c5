using System.Net;
using System.Text.Json.Nodes;
using Scrm.App.Data;
using Scrm.App.Features.Flows;
using Scrm.Domain.Tickets;
using Scrm.Tests.Domain.Flows;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class FlowApi(ApiFactory factory)
{
    private FlowTemplates Flows => (FlowTemplates)factory.Services.GetService(typeof(FlowTemplates))!;

    [Fact]
    public async Task ListsTheFlowsWithTheirVersionsStateAndNodeCount()
    {
        var key = $"api-{Guid.NewGuid():N}"[..20];
        await Flows.CreateAsync(TestApp.Admin, key, "标准维修流程", null, TicketType.Repair, null);
        await Flows.SaveDraftAsync(TestApp.Admin, key, TestFlows.Simple());
        await Flows.PublishAsync(TestApp.Admin, key);
        await Flows.SaveDraftAsync(TestApp.Admin, key, TestFlows.WithoutEnd());

        var response = await factory.Client().GetAsync("/api/v1/flows");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var flow = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Single(f => (string)f!["key"]! == key)!;
        ((string)flow["name"]!).ShouldBe("标准维修流程");
        ((string)flow["ticketType"]!).ShouldBe("Repair");
        ((int)flow["publishedVersion"]!).ShouldBe(1);
        ((bool)flow["hasDraft"]!).ShouldBeTrue();
        var versions = flow["versions"]!.AsArray();
        versions.Select(v => (string)v!["status"]!).ShouldBe(["Published", "Draft"]);
        versions.Select(v => (int)v!["nodeCount"]!).ShouldBe([3, 2]);
        versions[0]!["publishedAt"].ShouldNotBeNull();
    }

    [Fact]
    public async Task ARoleThatDoesNotDesignFlowsIsRefused()
    {
        var dispatcher = factory.Client(await factory.IssueKeyAsync(AppRoles.Dispatcher, "华南", TimeSpan.FromHours(1)));

        var response = await dispatcher.GetAsync("/api/v1/flows");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
