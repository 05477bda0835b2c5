using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;

namespace Scrm.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class TicketChangeApi(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Client();

    [Fact]
    public async Task CancelsANewTicketWithAReason()
    {
        var ticket = await _admin.CreateTicketAsync("上海");

        var response = await TransitionAsync(ticket, new { to = "cancelled", comment = "客户已自行修好", expectedVersion = (long)ticket["version"]! });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var moved = await response.ReadObjectAsync();
        ((string)moved["status"]!).ShouldBe("Cancelled");
        ((long)moved["version"]!).ShouldBeGreaterThan((long)ticket["version"]!);
        moved["allowedTransitions"]!.AsArray().ShouldBeEmpty();
        var reread = await _admin.GetFromJsonAsync<JsonObject>($"{ApiRequests.TicketsPath}/{(long)ticket["id"]!}");
        ((string)reread!["status"]!).ShouldBe("Cancelled");
    }

    [Fact]
    public async Task RefusesAMoveTheWorkflowDoesNotAllow()
    {
        var ticket = await _admin.CreateTicketAsync("上海");

        var response = await TransitionAsync(ticket, new { to = "Closed", comment = "直接关闭" });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.ReadObjectAsync();
        ((string)problem["code"]!).ShouldBe("Ticket.IllegalTransition");
        ((string)problem["detail"]!).ShouldContain("New");
        var reread = await _admin.GetFromJsonAsync<JsonObject>($"{ApiRequests.TicketsPath}/{(long)ticket["id"]!}");
        ((string)reread!["status"]!).ShouldBe("New");
    }

    [Fact]
    public async Task RefusesACancellationWithoutAReason()
    {
        var ticket = await _admin.CreateTicketAsync("上海");

        var response = await TransitionAsync(ticket, new { to = "Cancelled" });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        ((string)(await response.ReadObjectAsync())["code"]!).ShouldBe("Ticket.CommentRequired");
    }

    [Theory]
    [InlineData("Finished")]
    [InlineData("8")]
    [InlineData("")]
    public async Task RejectsATargetThatIsNotAStatusNamingTo(string to)
    {
        var ticket = await _admin.CreateTicketAsync("上海");

        var response = await TransitionAsync(ticket, new { to, comment = "x" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadObjectAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["to"]);
    }

    [Fact]
    public async Task AssignsATechnicianOfTheTicketsRegion()
    {
        var ticket = await _admin.CreateTicketAsync("杭州");
        var technician = await TechnicianInAsync("华东");

        var response = await _admin.PostAsJsonAsync($"{ApiRequests.TicketsPath}/{(long)ticket["id"]!}/assignment",
            new { technicianId = technician.Id, comment = "就近派单", expectedVersion = (long)ticket["version"]! });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var assigned = await response.ReadObjectAsync();
        ((string)assigned["status"]!).ShouldBe("Assigned");
        ((long)assigned["assigneeId"]!).ShouldBe(technician.Id);
        ((string)assigned["assigneeName"]!).ShouldBe(technician.Name);
    }

    [Fact]
    public async Task RefusesATechnicianOfAnotherRegionEvenToAnAllRegionsKey()
    {
        var ticket = await _admin.CreateTicketAsync("北京");
        var southern = await TechnicianInAsync("华南");

        var response = await _admin.PostAsJsonAsync($"{ApiRequests.TicketsPath}/{(long)ticket["id"]!}/assignment",
            new { technicianId = southern.Id, expectedVersion = (long)ticket["version"]! });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain("Ticket.TechnicianOutsideRegion");
        var unchanged = await (await _admin.GetAsync($"{ApiRequests.TicketsPath}/{(long)ticket["id"]!}")).ReadObjectAsync();
        ((string)unchanged["status"]!).ShouldBe("New");
        unchanged["assigneeId"].ShouldBeNull();
    }

    [Fact]
    public async Task AnswersConflictNamingWhoChangedATicketSinceTheCallerReadIt()
    {
        var ticket = await _admin.CreateTicketAsync("杭州");
        var readVersion = (long)ticket["version"]!;
        var technician = await TechnicianInAsync("华东");
        var assignment = await _admin.PostAsJsonAsync($"{ApiRequests.TicketsPath}/{(long)ticket["id"]!}/assignment",
            new { technicianId = technician.Id, expectedVersion = readVersion });
        var current = await assignment.ReadObjectAsync();

        var response = await TransitionAsync(ticket, new { to = "Cancelled", comment = "重复报修", expectedVersion = readVersion });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.ReadObjectAsync();
        ((string)problem["changedBy"]!).ShouldBe("API · Demo admin key");
        ((long)problem["currentVersion"]!).ShouldBe((long)current["version"]!);
        DateTimeOffset.Parse((string)problem["changedAt"]!).ShouldBe(DateTimeOffset.Parse((string)current["updatedAt"]!));
        ((string)problem["detail"]!).ShouldContain("API · Demo admin key");
        ((string)problem["detail"]!).ShouldContain("reload");
        var reread = await _admin.GetFromJsonAsync<JsonObject>($"{ApiRequests.TicketsPath}/{(long)ticket["id"]!}");
        ((string)reread!["status"]!).ShouldBe("Assigned");
    }

    [Fact]
    public async Task AnswersNotFoundWhenMovingAnUnknownTicket()
    {
        var response = await _admin.PostAsJsonAsync($"{ApiRequests.TicketsPath}/987654321/transitions", new { to = "Cancelled", comment = "x" });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        ((string)(await response.ReadObjectAsync())["code"]!).ShouldBe("Ticket.NotFound");
    }

    private Task<HttpResponseMessage> TransitionAsync(JsonObject ticket, object body) =>
        _admin.PostAsJsonAsync($"{ApiRequests.TicketsPath}/{(long)ticket["id"]!}/transitions", body);

    private async Task<(long Id, string Name)> TechnicianInAsync(string region)
    {
        var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<ScrmDbContext>>();
        await using var db = await dbFactory.CreateForAsync(AccessScope.System);
        var technician = await db.Technicians.AsNoTracking().Where(t => t.Region == region).OrderBy(t => t.Id).FirstAsync();
        return (technician.Id, technician.Name);
    }
}
