using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.Domain.Geo;

namespace Scrm.Tests.Api;

/// <summary>POST /api/v1/technicians/{id}/positions: batches of pings from phones and fleet trackers.</summary>
[Collection(ApiCollection.Name)]
public sealed class PositionApi(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Client();

    private async Task<long> EastTechnicianAsync()
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<ScrmDbContext>>().CreateForAsync(AccessScope.System);
        return await db.Technicians.Where(t => t.Region == Regions.East).OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
    }

    [Fact]
    public async Task KeepsTheGoodPingsAndNamesEachBadOne()
    {
        var id = await EastTechnicianAsync();
        var at = DateTimeOffset.UtcNow.AddMinutes(-3);

        var response = await _admin.PostAsJsonAsync($"/api/v1/technicians/{id}/positions", new
        {
            pings = new object[]
            {
                new { lat = 31.2304, lng = 121.4737, at, accuracy = 8 },
                new { lat = 95.0, lng = 121.4737, at = at.AddSeconds(10) },
                new { lat = 31.2310, lng = 121.4740, at = at.AddSeconds(20) },
            },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var receipt = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        ((int)receipt["accepted"]!).ShouldBe(2);
        var rejected = receipt["rejected"]!.AsArray().ShouldHaveSingleItem()!;
        ((int)rejected["index"]!).ShouldBe(1);
        ((string)rejected["code"]!).ShouldBe("Positions.LatOutOfRange");
    }

    [Fact]
    public async Task ABatchWithNothingGoodIs422WithTheReasons()
    {
        var id = await EastTechnicianAsync();

        var response = await _admin.PostAsJsonAsync($"/api/v1/technicians/{id}/positions", new { pings = new[] { new { lat = 31.2, lng = 121.4 } } });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        ((string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["rejected"]![0]!["code"]!).ShouldBe("Positions.MissingTime");
    }

    [Fact]
    public async Task NonsenseIsAProblemNotAStackTrace()
    {
        var id = await EastTechnicianAsync();

        var response = await _admin.PostAsync($"/api/v1/technicians/{id}/positions",
            new StringContent("{\"pings\": [{\"lat\": \"north\"}]}", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("   at ");
    }

    [Fact]
    public async Task AnotherRegionsTechnicianIsNotFoundAndFinanceMayNotReport()
    {
        var id = await EastTechnicianAsync();
        var ping = new { pings = new[] { new { lat = 31.2, lng = 121.4, at = DateTimeOffset.UtcNow } } };
        var south = factory.Client(await factory.IssueKeyAsync(AppRoles.Dispatcher, Regions.South, TimeSpan.FromHours(1)));
        var finance = factory.Client(await factory.IssueKeyAsync(AppRoles.Finance, Regions.East, TimeSpan.FromHours(1)));

        (await south.PostAsJsonAsync($"/api/v1/technicians/{id}/positions", ping)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await finance.PostAsJsonAsync($"/api/v1/technicians/{id}/positions", ping)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
