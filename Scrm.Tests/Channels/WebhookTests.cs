using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Scrm.Domain.Channels;

namespace Scrm.Tests.Channels;

[Collection(ChannelCollection.Name)]
public sealed class GenericWebhook(ChannelFactory factory)
{
    private const string Path = "/api/v1/channels/webhooks/erp";
    private readonly HttpClient _http = factory.Http();

    [Fact]
    public async Task OpensATicketForASignedCall()
    {
        var id = Guid.NewGuid().ToString("N");

        var response = await Send(Body(id), id);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        ((bool)result["duplicate"]!).ShouldBeFalse();
        var number = (string)result["ticketNumber"]!;
        var ticket = await factory.ReadAsync(db => db.Tickets.AsNoTracking().SingleAsync(t => t.Number == number));
        ticket.Title.ShouldBe($"冷藏柜温度过高 {id}");
        ticket.City.ShouldBe("杭州");
    }

    [Fact]
    public async Task AnswersARepeatedMessageIdWithTheFirstTicketAndOpensNoSecond()
    {
        var id = Guid.NewGuid().ToString("N");
        var first = (await (await Send(Body(id), id)).Content.ReadFromJsonAsync<JsonObject>())!;

        var again = await Send(Body(id), id);

        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var repeat = (await again.Content.ReadFromJsonAsync<JsonObject>())!;
        ((string)repeat["ticketNumber"]!).ShouldBe((string)first["ticketNumber"]!);
        ((bool)repeat["duplicate"]!).ShouldBeTrue();
        (await factory.ReadAsync(db => db.Tickets.CountAsync(t => t.Title.Contains(id)))).ShouldBe(1);
    }

    [Fact]
    public async Task RefusesABadSignatureWith401AndOpensNothing()
    {
        var id = Guid.NewGuid().ToString("N");
        var body = Body(id);

        var response = await Send(body, id, signature: WebhookSignature.Compute("wrong-secret", Encoding.UTF8.GetBytes(body)));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain("Webhook.BadSignature");
        (await factory.ReadAsync(db => db.Tickets.CountAsync(t => t.Title.Contains(id)))).ShouldBe(0);
    }

    [Fact]
    public async Task RefusesAnUnknownSourceLikeABadSignature()
    {
        var id = Guid.NewGuid().ToString("N");
        var body = Body(id);

        var response = await Send(body, id, path: "/api/v1/channels/webhooks/crm");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RefusesAStaleTimestampWith401()
    {
        var id = Guid.NewGuid().ToString("N");

        var response = await Send(Body(id), id, timestamp: DateTimeOffset.UtcNow.AddHours(-1));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Webhook.Stale");
    }

    [Fact]
    public async Task RefusesBadJsonWith400()
    {
        var id = Guid.NewGuid().ToString("N");

        var response = await Send("""{"title": "冷柜""", id);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Webhook.BadJson");
    }

    [Fact]
    public async Task NamesTheFieldsOfAnIncompleteTicket()
    {
        var id = Guid.NewGuid().ToString("N");

        var response = await Send("""{"description":"没有标题也没有客户"}""", id);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["errors"]!.AsObject().Select(e => e.Key).ShouldContain("title");
    }

    private static string Body(string id) => $$$"""
        {"title":"冷藏柜温度过高 {{{id}}}","description":"ERP 温控告警：4 号冷藏柜 12℃","priority":"High",
         "customer":{"name":"鲜丰水果 文三路店","phone":"13957100{{{Random.Shared.Next(100, 999)}}}"},
         "site":{"address":"杭州市西湖区文三路 259 号","city":"杭州"}}
        """;

    private Task<HttpResponseMessage> Send(string body, string messageId, string? signature = null, DateTimeOffset? timestamp = null,
        string path = Path)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Scrm-Signature", signature ?? WebhookSignature.Compute(ChannelFactory.WebhookSecret, Encoding.UTF8.GetBytes(body)));
        request.Headers.Add("X-Scrm-Timestamp", (timestamp ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Scrm-Message-Id", messageId);
        return _http.SendAsync(request);
    }
}
