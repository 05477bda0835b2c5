using Microsoft.EntityFrameworkCore;
using Scrm.App.Events;
using Scrm.App.Features.Pricing;
using Scrm.Domain.Common;
using Scrm.Domain.Pricing;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Pricing;

/// <summary>"总额超过 ¥3,000：转金牌服务通道": flag + notify once per ticket and threshold, in the write that changed the quote.</summary>
public sealed class QuoteThresholdTests(PricingHost app) : IClassFixture<PricingHost>
{
    private static NewQuoteLine Other(long fen) => new("Other", null, 1, PriceFen: fen, Description: "测试费用");

    private async Task<List<OutboxMessage>> ReachedAsync(long ticketId)
    {
        await using var db = await app.DbAsync();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.AggregateId == ticketId && m.Type == nameof(QuoteThresholdReached))
            .OrderBy(m => m.Id).ToListAsync();
    }

    [Fact]
    public async Task CrossingTheGoldThresholdRaisesQuoteThresholdReachedOnceInTheSameWrite()
    {
        var (ticketId, _) = await app.TicketAsync();

        var below = await app.Quotes.AddLineAsync(TestApp.Agent, ticketId, Other(100_000));
        below.TotalFen.ShouldBeLessThanOrEqualTo(300_000);
        (await ReachedAsync(ticketId)).ShouldBeEmpty();

        var above = await app.Quotes.AddLineAsync(TestApp.Agent, ticketId, Other(250_000));
        above.TotalFen.ShouldBeGreaterThan(300_000);
        var reached = (await ReachedAsync(ticketId)).ShouldHaveSingleItem();
        var e = app.Get<EventTypes>().Deserialize(reached.Type, reached.Payload).ShouldBeOfType<QuoteThresholdReached>();
        (e.TicketId, e.Region, e.ThresholdCode, e.Flag, e.TotalFen).ShouldBe((ticketId, "华东", "THRESHOLD-GOLD", "GoldServiceChannel", above.TotalFen));
        // The same transaction as the quote change: the QuoteUpdated of that write sits right before it.
        await using (var db = await app.DbAsync())
        {
            var updated = await db.OutboxMessages.Where(m => m.AggregateId == ticketId && m.Type == nameof(QuoteUpdated) && m.Id < reached.Id)
                .OrderByDescending(m => m.Id).FirstAsync();
            updated.Payload.ShouldContain($"\"totalFen\":{above.TotalFen}");
        }
    }

    [Fact]
    public async Task MoreLinesAboveTheThresholdAcceptanceAndDroppingBelowAndBackDoNotRaiseItAgain()
    {
        var (ticketId, _) = await app.TicketAsync();
        var quote = await app.Quotes.AddLineAsync(TestApp.Agent, ticketId, Other(350_000));
        (await ReachedAsync(ticketId)).Count.ShouldBe(1);

        await app.Quotes.AddLineAsync(TestApp.Agent, ticketId, Other(50_000));
        await app.Quotes.AcceptAsync(TestApp.Agent, ticketId);
        await app.Quotes.RemoveLineAsync(TestApp.Agent, ticketId, quote.Lines[0].Id);
        var back = await app.Quotes.AddLineAsync(TestApp.Agent, ticketId, Other(400_000));

        back.TotalFen.ShouldBeGreaterThan(300_000);
        (await ReachedAsync(ticketId)).Count.ShouldBe(1);
        (await app.QuoteRowAsync(ticketId))!.ReachedThresholds.ShouldBe("THRESHOLD-GOLD");
    }

    [Fact]
    public async Task RedeliveringTheQuoteEventsToEveryHandlerRaisesNothingMore()
    {
        var (ticketId, _) = await app.TicketAsync();
        await app.Quotes.AddLineAsync(TestApp.Agent, ticketId, Other(500_000));
        var types = app.Get<EventTypes>();
        List<OutboxMessage> messages;
        await using (var db = await app.DbAsync())
            messages = await db.OutboxMessages.AsNoTracking()
                .Where(m => m.AggregateId == ticketId && (m.Type == nameof(QuoteUpdated) || m.Type == nameof(QuoteThresholdReached))).ToListAsync();
        messages.Count.ShouldBe(2);

        foreach (var message in messages)
        {
            var e = types.Deserialize(message.Type, message.Payload);
            foreach (var binding in app.Get<IEnumerable<EventHandlerBinding>>().Where(b => b.EventType.IsInstanceOfType(e)))
            {
                var handler = app.Services.GetService(binding.HandlerType)!;
                var handle = typeof(IEventHandler<>).MakeGenericType(binding.EventType).GetMethod("HandleAsync")!;
                var delivery = new EventDelivery(binding.HandlerType.Name, message.Id, 2);
                await (Task)handle.Invoke(handler, [e, delivery, CancellationToken.None])!;
            }
        }

        (await ReachedAsync(ticketId)).Count.ShouldBe(1);
        (await app.QuoteRowAsync(ticketId))!.ReachedThresholds.ShouldBe("THRESHOLD-GOLD");
    }

    [Fact]
    public void OnlyThresholdsNotYetReachedAreNew()
    {
        var book = new PriceBook(thresholds: [new Threshold("T-1K", 100_000, "Review", "> ¥1,000"), new Threshold("T-3K", 300_000, "Gold", "> ¥3,000")]);

        ThresholdCrossing.Newly(book, 100_000, []).ShouldBeEmpty();
        ThresholdCrossing.Newly(book, 100_001, []).Select(t => t.Code).ShouldBe(["T-1K"]);
        ThresholdCrossing.Newly(book, 400_000, ["T-1K"]).Select(t => t.Code).ShouldBe(["T-3K"]);
        ThresholdCrossing.Newly(book, 400_000, ["t-1k", "T-3K"]).ShouldBeEmpty();
    }
}
