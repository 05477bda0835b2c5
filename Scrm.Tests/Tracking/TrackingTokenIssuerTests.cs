using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.App.Features.Tracking;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Tracking;

/// <summary>The issuer's batch path: one write gives every newly created ticket of the batch its link, once.</summary>
[Collection(AppCollection.Name)]
public sealed class TrackingTokenIssuing(TestApp app)
{
    [Fact]
    public async Task ABatchOfCreationsGetsOneLinkPerTicketAndABatchDeliveredAgainChangesNothing()
    {
        var first = await app.CreateTicketAsync(TestApp.Admin, "杭州");
        var second = await app.CreateTicketAsync(TestApp.Admin, "宁波");
        long[] ids = [first.Row.Id, second.Row.Id];
        // The running dispatcher issues them first; taken away again, only the batch below can bring them back.
        await WaitUntilAsync(async () => (await HashesAsync(ids)).Count == 2);
        await app.Get<WritePath>().RunAsync(AccessScope.System, (db, ct) => db.TrackingTokens.Where(t => ids.Contains(t.TicketId)).ExecuteDeleteAsync(ct));
        StoredEvent Created(long ticketId) => new(1, nameof(TicketCreated),
            new TicketCreated(TicketType.Repair, TicketPriority.Normal, 1, "苏州") { EventId = Guid.NewGuid(), AggregateId = ticketId });
        var batch = new List<StoredEvent>
        {
            Created(first.Row.Id), Created(second.Row.Id), Created(first.Row.Id),
            new(1, nameof(TicketCommented), new TicketCommented("不是新建") { EventId = Guid.NewGuid(), AggregateId = second.Row.Id }),
        };
        var issuer = app.Get<TrackingTokenIssuer>();

        await issuer.HandleBatchAsync(batch, nameof(TrackingTokenIssuer), CancellationToken.None);
        var issued = await HashesAsync(ids);
        await issuer.HandleBatchAsync(batch, nameof(TrackingTokenIssuer), CancellationToken.None);

        issued.Keys.Order().ShouldBe(ids.Order());
        (await HashesAsync(ids)).ShouldBe(issued);
    }

    private async Task<Dictionary<long, string>> HashesAsync(long[] ids)
    {
        await using var db = await app.DbAsync();
        return await db.TrackingTokens.AsNoTracking().Where(t => ids.Contains(t.TicketId)).ToDictionaryAsync(t => t.TicketId, t => t.TokenHash);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> done)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!await done())
        {
            DateTime.UtcNow.ShouldBeLessThan(until, "the issuer gives new tickets their links");
            await Task.Delay(50);
        }
    }
}
