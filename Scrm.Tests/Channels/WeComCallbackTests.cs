using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Features.Channels;
using Scrm.Domain.Channels;

namespace Scrm.Tests.Channels;

/// <summary>The callback URL over HTTP, the inbox worker behind it, and the replies it sends to the fake qyapi.</summary>
[Collection(ChannelCollection.Name)]
public sealed class WeComCallback(ChannelFactory factory)
{
    private const string Path = "/api/v1/channels/wecom/callback";
    private readonly HttpClient _http = factory.Http();

    [Fact]
    public async Task AnswersUrlVerificationWithTheDecryptedEchoStr()
    {
        var echo = factory.Crypto.Encrypt("6954083519286346523");
        var (ts, nonce) = (Now(), "263014780");
        var url = $"{Path}?msg_signature={WeComCrypto.Signature(ChannelFactory.Token, ts, nonce, echo)}&timestamp={ts}&nonce={nonce}&echostr={Uri.EscapeDataString(echo)}";

        var response = await _http.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("6954083519286346523");
    }

    [Fact]
    public async Task RefusesUrlVerificationWithAForgedSignature()
    {
        var echo = factory.Crypto.Encrypt("6954083519286346523");
        var response = await _http.GetAsync($"{Path}?msg_signature={new string('0', 40)}&timestamp={Now()}&nonce=1&echostr={Uri.EscapeDataString(echo)}");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("6954083519286346523");
    }

    [Fact]
    public async Task RefusesAForgedMessageWith403AndStoresNothing()
    {
        var msgId = NewMsgId();
        var (url, body) = Callback("ZhangWei", "报修 伪造的消息", msgId);
        // Signed with another token: the shape of a real signature, not ours.
        url = System.Text.RegularExpressions.Regex.Replace(url, "msg_signature=[0-9a-f]{40}", "msg_signature=" + new string('e', 40));

        var response = await Post(url, body);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain("WeCom.BadSignature");
        (await Stored(msgId)).ShouldBe(0);
    }

    [Fact]
    public async Task RefusesAMessageWhoseTimestampIsOutsideTheWindow()
    {
        var msgId = NewMsgId();
        var old = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds();
        var (url, body) = Callback("ZhangWei", "报修 十分钟前的消息", msgId, old);

        var response = await Post(url, body);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldContain("WeCom.Stale");
        (await Stored(msgId)).ShouldBe(0);
    }

    [Theory]
    [InlineData("<xml><Encrypt><![CDATA[abc]]></Encrypt>")]
    [InlineData("<xml><ToUserName>x</ToUserName></xml>")]
    [InlineData("not xml at all")]
    [InlineData("<!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><Encrypt>&e;</Encrypt></xml>")]
    public async Task RefusesMalformedXmlWith400(string body)
    {
        var response = await Post($"{Path}?msg_signature={new string('a', 40)}&timestamp={Now()}&nonce=1", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("WeCom.Malformed");
    }

    [Fact]
    public async Task RefusesAnOversizedBodyWith413()
    {
        var msgId = NewMsgId();
        var (url, body) = Callback("ZhangWei", "报修 " + new string('长', 2000), msgId);

        var response = await Post(url, body);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await Stored(msgId)).ShouldBe(0);
    }

    [Fact]
    public async Task OpensATicketForTheSendersCustomerAndRepliesWithItsNumberThroughMessageSend()
    {
        var msgId = NewMsgId();
        var (url, body) = Callback("ZhangWei", $"报修 门店咖啡机不出水 {msgId}", msgId);

        var response = await Post(url, body);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("success");
        var handled = await factory.HandledAsync("msg:" + msgId);
        handled.Status.ShouldBe(InboundStatus.Processed);
        var ticket = await factory.ReadAsync(db => db.Tickets.AsNoTracking().SingleAsync(t => t.Id == handled.TicketId));
        var link = await factory.ReadAsync(db => db.WeComUserLinks.AsNoTracking().SingleAsync(l => l.WeComUserId == "ZhangWei"));
        ticket.CustomerId.ShouldBe(link.CustomerId);
        ticket.Title.ShouldBe($"企业微信报修：门店咖啡机不出水 {msgId}");
        ticket.Number.ShouldBe(handled.TicketNumber);

        var reply = (await factory.QyApi.WaitForAsync("ZhangWei", 1)).Last(m => m["text"]!["content"]!.ToString().Contains(ticket.Number));
        // The reply carries the customer's progress link: the tracking module's link for this very ticket.
        var progress = await factory.Services.GetRequiredService<Scrm.App.Features.Tracking.TrackingLinks>().LinkForAsync(ticket.Id, CancellationToken.None);
        progress.ShouldNotBeNull().ShouldMatch("/t/[A-Za-z0-9_-]{22}$");
        var expected = $$"""{"touser":"ZhangWei","msgtype":"text","agentid":1000002,"text":{"content":"{{ChannelReplies.TicketOpened(ticket.Number, progress)}}"},"safe":0}""";
        factory.QyApi.Sent.Select(s => s.Body).ShouldContain(b => System.Text.Json.Nodes.JsonNode.DeepEquals(
            System.Text.Json.Nodes.JsonNode.Parse(b), System.Text.Json.Nodes.JsonNode.Parse(expected.Replace("\n", "\\n"))));
        reply.ToJsonString().ShouldContain(ticket.Number);
        factory.QyApi.TokenRequests.ShouldContain($"?corpid={FakeQyApi.CorpId}&corpsecret={FakeQyApi.Secret}");
    }

    [Fact]
    public async Task HandlesAMessageWeComRetriesExactlyOnce()
    {
        var msgId = NewMsgId();
        var (url, body) = Callback("LiNa", $"报修：制冰机不制冰 {msgId}", msgId);

        var first = await Post(url, body);
        var retry = await Post(url, body);
        await factory.HandledAsync("msg:" + msgId);
        var third = await Post(url, body);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        retry.StatusCode.ShouldBe(HttpStatusCode.OK);
        third.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Stored(msgId)).ShouldBe(1);
        (await factory.ReadAsync(db => db.Tickets.CountAsync(t => t.Title.Contains(msgId)))).ShouldBe(1);
        var number = (await factory.HandledAsync("msg:" + msgId)).TicketNumber!;
        await Task.Delay(300);
        factory.QyApi.SentTo("LiNa").Count(m => m["text"]!["content"]!.ToString().Contains(number)).ShouldBe(1, "one confirmation, not one per copy");
    }

    [Fact]
    public async Task TellsAnUnknownSenderToCallTheServiceDeskAndOpensNoTicket()
    {
        var msgId = NewMsgId();
        var (url, body) = Callback("stranger-" + msgId, $"报修 空调漏水 {msgId}", msgId);

        (await Post(url, body)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var handled = await factory.HandledAsync("msg:" + msgId);
        handled.Outcome.ShouldBe("UnknownSender");
        handled.TicketId.ShouldBeNull();
        (await factory.ReadAsync(db => db.Tickets.CountAsync(t => t.Title.Contains(msgId)))).ShouldBe(0);
        var reply = (await factory.QyApi.WaitForAsync("stranger-" + msgId, 1)).Single();
        reply["text"]!["content"]!.ToString().ShouldBe(ChannelReplies.UnknownSender);
    }

    [Fact]
    public async Task AnswersAStatusQueryWithTheSendersOpenTickets()
    {
        var repairId = NewMsgId();
        var (url, body) = Callback("WangFang", $"报修 冷藏柜异响 {repairId}", repairId);
        await Post(url, body);
        var number = (await factory.HandledAsync("msg:" + repairId)).TicketNumber!;

        var queryId = NewMsgId();
        (url, body) = Callback("WangFang", "进度", queryId);
        await Post(url, body);
        (await factory.HandledAsync("msg:" + queryId)).Outcome.ShouldBe("Status");

        var replies = await factory.QyApi.WaitForAsync("WangFang", 2);
        var listing = replies.Last()["text"]!["content"]!.ToString();
        listing.ShouldContain("未完成的工单");
        listing.ShouldContain($"{number} 企业微信报修：冷藏柜异响 {repairId} — 新建");
    }

    [Fact]
    public async Task StoresAnEventByItsSenderAndTimeAndIgnoresItOnce()
    {
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var plain = $"<xml><ToUserName><![CDATA[{FakeQyApi.CorpId}]]></ToUserName><FromUserName><![CDATA[ChenJie]]></FromUserName><CreateTime>{created}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[enter_agent]]></Event><AgentID>1000002</AgentID></xml>";
        var (url, body) = Signed(plain, created);

        await Post(url, body);
        await Post(url, body);

        var handled = await factory.HandledAsync($"event:ChenJie:{created}");
        handled.Status.ShouldBe(InboundStatus.Ignored);
        (await factory.ReadAsync(db => db.InboundMessages.CountAsync(m => m.DedupKey == $"event:ChenJie:{created}"))).ShouldBe(1);
    }

    private Task<HttpResponseMessage> Post(string url, string body) =>
        _http.PostAsync(url, new StringContent(body, Encoding.UTF8, "text/xml"));

    private Task<int> Stored(string msgId) => factory.ReadAsync(db => db.InboundMessages.CountAsync(m => m.DedupKey == "msg:" + msgId));

    private (string Url, string Body) Callback(string from, string content, string msgId, long? timestamp = null)
    {
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var plain = $"<xml><ToUserName><![CDATA[{FakeQyApi.CorpId}]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName>"
            + $"<CreateTime>{created}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content>"
            + $"<MsgId>{msgId}</MsgId><AgentID>{ChannelFactory.AgentId}</AgentID></xml>";
        return Signed(plain, timestamp ?? created);
    }

    private (string Url, string Body) Signed(string plain, long timestamp)
    {
        var encrypted = factory.Crypto.Encrypt(plain);
        var ts = timestamp.ToString(CultureInfo.InvariantCulture);
        const string nonce = "1372623149";
        var signature = WeComCrypto.Signature(ChannelFactory.Token, ts, nonce, encrypted);
        return ($"{Path}?msg_signature={signature}&timestamp={ts}&nonce={nonce}",
            $"<xml><ToUserName><![CDATA[{FakeQyApi.CorpId}]]></ToUserName><Encrypt><![CDATA[{encrypted}]]></Encrypt><AgentID><![CDATA[{ChannelFactory.AgentId}]]></AgentID></xml>");
    }

    private static string Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static string NewMsgId() => Random.Shared.NextInt64(1_000_000_000_000_000_000, long.MaxValue).ToString(CultureInfo.InvariantCulture);
}
