using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Scrm.App.Data;
using Scrm.Domain.Geo;

namespace Scrm.Tests.Api;

/// <summary>GET /api/v1/tickets/{id}/candidates and POST /dispatch: the explained ranking over HTTP.</summary>
[Collection(ApiCollection.Name)]
public sealed class CandidateApi(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Client();

    [Fact]
    public async Task EachCandidateHasItsTotalItsEightCriteriaAndTheExcludedTheirFilters()
    {
        var ticket = await _admin.CreateTicketAsync("上海");

        var response = await _admin.GetAsync($"/api/v1/tickets/{(long)ticket["id"]!}/candidates");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var candidates = body["candidates"]!.AsArray();
        candidates.Count.ShouldBeGreaterThan(0);
        foreach (var c in candidates)
        {
            var criteria = c!["criteria"]!.AsArray();
            criteria.Select(x => (string)x!["criterion"]!).ShouldBe(
                ["ServiceArea", "Skill", "Certification", "Rating", "Workload", "Distance", "Availability", "DedicatedTechnician"], ignoreOrder: true);
            criteria.ShouldAllBe(x => ((string)x!["reason"]!).StartsWith("Dispatch.Reason."));
            if ((bool)c["excluded"]!) c["excludedBy"]!.AsArray().Count.ShouldBeGreaterThan(0);
            else ((int)c["rank"]!).ShouldBeGreaterThan(0);
        }
        var ranks = candidates.Where(c => !(bool)c!["excluded"]!).Select(c => (double)c!["total"]!).ToList();
        ranks.ShouldBeInOrder(SortDirection.Descending);
    }

    [Fact]
    public async Task AnotherRegionsKeyGets404AndAFinanceKey403()
    {
        var ticket = await _admin.CreateTicketAsync("上海");
        var south = factory.Client(await factory.IssueKeyAsync(AppRoles.Dispatcher, Regions.South, TimeSpan.FromHours(1)));
        var finance = factory.Client(await factory.IssueKeyAsync(AppRoles.Finance, Regions.East, TimeSpan.FromHours(1)));

        (await south.GetAsync($"/api/v1/tickets/{(long)ticket["id"]!}/candidates")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await finance.GetAsync($"/api/v1/tickets/{(long)ticket["id"]!}/candidates")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task DispatchingToAnyoneButTheTopCandidateWithoutAReasonIsAProblemNamingTheReasonField()
    {
        var ticket = await _admin.CreateTicketAsync("上海");
        var id = (long)ticket["id"]!;
        var candidates = JsonNode.Parse(await _admin.GetStringAsync($"/api/v1/tickets/{id}/candidates"))!["candidates"]!.AsArray();
        var notTop = candidates.First(c => (int?)c!["rank"] != 1)!;

        var refused = await _admin.PostAsJsonAsync($"/api/v1/tickets/{id}/dispatch", new { technicianId = (long)notTop["technicianId"]! });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["errors"]!["reason"].ShouldNotBeNull();

        var assigned = await _admin.PostAsJsonAsync($"/api/v1/tickets/{id}/dispatch", new { technicianId = (long)notTop["technicianId"]!, reason = "熟悉该门店" });
        assigned.StatusCode.ShouldBe(HttpStatusCode.OK);
        ((long)JsonNode.Parse(await assigned.Content.ReadAsStringAsync())!["assigneeId"]!).ShouldBe((long)notTop["technicianId"]!);
    }
}
