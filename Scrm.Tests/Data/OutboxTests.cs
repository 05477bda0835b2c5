using Microsoft.EntityFrameworkCore;
using Scrm.App.Events;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Data;

[Collection(AppCollection.Name)]
public sealed class Outbox(TestApp app)
{
    [Fact]
    public async Task CreatingATicketStoresItsEventWithTheTicketsKeyAndVersion()
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "合肥");

        var rows = await RowsAsync(ticket.Row.Id);
        var row = rows.ShouldHaveSingleItem();
        row.Type.ShouldBe(nameof(TicketCreated));
        row.AggregateVersion.ShouldBe(ticket.Row.Version);
        var created = (TicketCreated)app.Get<EventTypes>().Deserialize(row.Type, row.Payload);
        created.AggregateId.ShouldBe(ticket.Row.Id);
        created.Number.ShouldBe(ticket.Row.Number);
        created.Region.ShouldBe("华东");
        created.ActorName.ShouldBe(TestApp.Admin.Actor.Name);
        row.Payload.ShouldContain("合肥");
    }

    [Fact]
    public async Task ACreateWhoseEventCannotBeStoredLeavesNeitherTheTicketNorTheEvent()
    {
        var request = TestApp.NewRequest("宁波", TestApp.Marker("outbox-fail"));

        using (CommandHooks.Fail("INSERT INTO \"OutboxMessages\""))
            await Should.ThrowAsync<DbUpdateException>(() => app.Tickets.CreateAsync(TestApp.Admin, request));

        await using var db = await app.DbAsync();
        (await db.Tickets.CountAsync(t => t.Title == request.Title)).ShouldBe(0);
        (await db.OutboxMessages.CountAsync(m => m.Payload.Contains(request.Customer!.Phone!))).ShouldBe(0);
        (await db.Customers.CountAsync(c => c.Phone == request.Customer!.Phone)).ShouldBe(0);
    }

    [Fact]
    public async Task AChangeThatFailsToSaveStoresNoEvent()
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "济南");

        using (CommandHooks.Fail("UPDATE \"Tickets\""))
            await Should.ThrowAsync<DbUpdateException>(() => app.Tickets.CommentAsync(TestApp.Admin, ticket.Row.Id, "不会保存"));

        // The SLA module's note on the new ticket is its own write, not part of this change.
        (await RowsAsync(ticket.Row.Id)).Select(r => r.Type).Where(t => t != nameof(TicketNoted)).ShouldBe([nameof(TicketCreated)]);
        (await app.LoadTicketAsync(ticket.Row.Id)).Version.ShouldBe(ticket.Row.Version);
    }

    /// <summary>The rows of the ticket's own changes: the repair flow's timeline notes (TicketNoted) are its handler's writes.</summary>
    private async Task<List<OutboxMessage>> RowsAsync(long ticketId)
    {
        await using var db = await app.DbAsync();
        return await db.OutboxMessages.AsNoTracking()
            .Where(m => m.AggregateId == ticketId && m.Type.StartsWith("Ticket") && m.Type != nameof(TicketNoted))
            .OrderBy(m => m.Id).ToListAsync();
    }
}
