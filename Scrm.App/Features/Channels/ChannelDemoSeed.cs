using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scrm.App.Data;
using Scrm.App.Data.Seed;

namespace Scrm.App.Features.Channels;

/// <summary>
/// The demo's WeCom members: a contact at each of the first few demo customers, linked to them, so that a "报修"
/// sent from the demo's WeCom test account opens a ticket at once. Runs at start-up, after the database is ready.
/// </summary>
public sealed class ChannelDemoSeed(IOptions<DemoOptions> demo, IDbContextFactory<ScrmDbContext> dbFactory, WritePath writes, TimeProvider clock)
    : IHostedService
{
    /// <summary>The demo's WeCom UserIds, in the order they are given to the demo customers.</summary>
    public static readonly string[] DemoUserIds = ["ZhangWei", "LiNa", "WangFang", "ChenJie", "LiuYang"];

    public async Task StartAsync(CancellationToken ct)
    {
        if (!demo.Value.Seed) return;
        await using (var probe = await dbFactory.CreateForAsync(AccessScope.System, ct))
            if (await probe.WeComUserLinks.AnyAsync(ct)) return;
        await writes.RunAsync(AccessScope.System, async (db, token) =>
        {
            var customers = await db.Customers.AsNoTracking().Where(c => c.Sites.Any()).OrderBy(c => c.Id)
                .Take(DemoUserIds.Length).Select(c => new { c.Id, c.Name }).ToListAsync(token);
            for (var i = 0; i < customers.Count; i++)
                db.WeComUserLinks.Add(new WeComUserLink { WeComUserId = DemoUserIds[i], CustomerId = customers[i].Id, ContactName = $"{customers[i].Name} 店长" });
            await SeedInboxAsync(db, customers.Select(c => c.Id).ToList(), token);
            return customers.Count;
        }, ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// A morning's messages, already handled, so the admin page shows what the channel does: repairs that became the
    /// customers' open tickets, a status query, a sender nobody registered, a member opening the app.
    /// </summary>
    private async Task SeedInboxAsync(ScrmDbContext db, List<long> customerIds, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var tickets = await db.Tickets.AsNoTracking().Where(t => customerIds.Contains(t.CustomerId))
            .OrderByDescending(t => t.Id).Select(t => new { t.Id, t.Number, t.CustomerId }).ToListAsync(ct);
        var messages = new List<InboundMessage>();
        string[] faults = ["门店咖啡机不出水", "制冰机不制冰", "冷藏柜异响"];
        for (var i = 0; i < Math.Min(3, customerIds.Count); i++)
        {
            var ticket = tickets.FirstOrDefault(t => t.CustomerId == customerIds[i]);
            if (ticket is null) continue;
            messages.Add(Text(DemoUserIds[i], "报修 " + faults[i], now.AddMinutes(-90 + i * 20), InboundStatus.Processed, "Repair", ticket.Id, ticket.Number));
        }
        messages.Add(Text(DemoUserIds[0], "进度", now.AddMinutes(-12), InboundStatus.Processed, "Status"));
        messages.Add(Text("guest-7f3a", "报修 空调漏水", now.AddMinutes(-8), InboundStatus.Processed, "UnknownSender"));
        var opened = now.AddMinutes(-5);
        messages.Add(new InboundMessage
        {
            Channel = WeComCallbackEndpoints.Channel, DedupKey = $"event:{DemoUserIds[1]}:{opened.ToUnixTimeSeconds()}", Sender = DemoUserIds[1],
            Kind = "event", Body = Xml(DemoUserIds[1], opened, "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[enter_agent]]></Event>"),
            ReceivedAt = opened, ProcessedAt = opened, Status = InboundStatus.Ignored, Attempts = 1, Outcome = "event enter_agent",
        });
        db.InboundMessages.AddRange(messages);
    }

    private static InboundMessage Text(string sender, string content, DateTimeOffset at, InboundStatus status, string outcome,
        long? ticketId = null, string? ticketNumber = null)
    {
        var msgId = 7_300_000_000_000_000_000L + at.ToUnixTimeSeconds();
        return new InboundMessage
        {
            Channel = WeComCallbackEndpoints.Channel, DedupKey = $"msg:{msgId}", Sender = sender, Kind = "text",
            Body = Xml(sender, at, $"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content><MsgId>{msgId}</MsgId>"),
            ReceivedAt = at, ProcessedAt = at.AddSeconds(1), Status = status, Attempts = 1, Outcome = outcome,
            TicketId = ticketId, TicketNumber = ticketNumber,
        };
    }

    private static string Xml(string sender, DateTimeOffset at, string rest) =>
        $"<xml><ToUserName><![CDATA[ww-demo-not-a-real-corp]]></ToUserName><FromUserName><![CDATA[{sender}]]></FromUserName>"
        + $"<CreateTime>{at.ToUnixTimeSeconds()}</CreateTime>{rest}<AgentID>1000002</AgentID></xml>";
}
