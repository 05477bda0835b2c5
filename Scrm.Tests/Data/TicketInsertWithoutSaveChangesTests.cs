using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Scrm.App.Data;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Data;

/// <summary>
/// On SQLite a save of new rows only (a new ticket and its timeline row) is written with the INSERTs generated from the
/// model instead of SaveChanges (ADR 0037). Every column of every row it writes (ticket, timeline, audit, outbox) must be
/// what SaveChanges writes for the same ticket, apart from the keys, the ticket number and the events' ids.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class TicketInsertWithoutSaveChanges(TestApp app)
{
    [Fact]
    public async Task ItWritesTheSameRowsAsSaveChanges()
    {
        var draft = await DraftAsync();
        var now = new DateTimeOffset(2026, 11, 28, 3, 15, 42, 123, TimeSpan.Zero);

        var (appended, appendedSaves, a) = await OpenAsync(draft, now, plain: false);
        var (saved, savedSaves, s) = await OpenAsync(draft, now, plain: true);

        appendedSaves.ShouldBe(1);
        savedSaves.ShouldBe(0);
        a.Ticket.Count.ShouldBe(1);
        a.Timeline.Count.ShouldBeGreaterThan(0);
        a.Audit.Count.ShouldBeGreaterThan(0);
        a.Outbox.Count.ShouldBeGreaterThan(0);
        a.Timeline.ShouldAllBe(e => (long)e["TicketId"]! == appended.Id);
        a.Outbox.ShouldAllBe(o => (long)o["AggregateId"]! == appended.Id);
        Same(a.Ticket, s.Ticket, "Id", "Number");
        Same(a.Timeline, s.Timeline, "Id", "TicketId");
        Same(Normalised(a.Audit, appended), Normalised(s.Audit, saved), "Id", "EntityId", "At");  // At: the audit clock, not the ticket's
        Same(Normalised(a.Outbox, appended), Normalised(s.Outbox, saved), "Id", "EventId");
    }

    [Fact]
    public async Task TheTicketIsTrackedUnchangedWithItsKeysAfterTheInsert()
    {
        var draft = await DraftAsync();
        await using var db = await app.DbAsync(TestApp.Admin);

        var ticket = await app.Tickets.OpenInAsync(db, draft, TestApp.Admin.Actor, DateTimeOffset.UtcNow, default);

        db.WriteState.AppendedSaves.ShouldBe(1);
        ticket.Id.ShouldBeGreaterThan(0);
        db.Entry(ticket).State.ShouldBe(EntityState.Unchanged);
        ticket.Events.ShouldAllBe(e => e.TicketId == ticket.Id && e.Id > 0);
        ticket.Events.ShouldAllBe(e => db.Entry(e).State == EntityState.Unchanged);
        db.ChangeTracker.HasChanges().ShouldBeFalse();
        ticket.DomainEvents.ShouldBeEmpty();
    }

    /// <summary>
    /// Opens the ticket in a transaction of its own, reads what it wrote there and rolls it back: nothing commits, so no
    /// event handler changes the rows before they are compared, and the rows after the ones there before are this save's.
    /// </summary>
    private async Task<(Ticket Ticket, int AppendedSaves, Rows Rows)> OpenAsync(TicketDraft draft, DateTimeOffset now, bool plain)
    {
        await using var db = await app.DbAsync(TestApp.Admin);
        db.WriteState.PlainSaves = plain;
        await using var tx = await db.Database.BeginTransactionAsync();
        var transaction = tx.GetDbTransaction();
        var lastAudit = await TransactionSql.LongAsync(transaction, "SELECT COALESCE(MAX(\"Id\"), 0) FROM \"AuditEntries\"");
        var lastOutbox = await TransactionSql.LongAsync(transaction, "SELECT COALESCE(MAX(\"Id\"), 0) FROM \"OutboxMessages\"");
        var ticket = await app.Tickets.OpenInAsync(db, draft, TestApp.Admin.Actor, now, default);
        var id = ticket.Id.ToString(CultureInfo.InvariantCulture);
        var rows = new Rows(
            await TransactionSql.RowsAsync(transaction, $"SELECT * FROM \"Tickets\" WHERE \"Id\" = {id}"),
            await TransactionSql.RowsAsync(transaction, $"SELECT * FROM \"TicketEvents\" WHERE \"TicketId\" = {id} ORDER BY \"Id\""),
            await TransactionSql.RowsAsync(transaction, $"SELECT * FROM \"AuditEntries\" WHERE \"Id\" > {lastAudit} ORDER BY \"Id\""),
            await TransactionSql.RowsAsync(transaction, $"SELECT * FROM \"OutboxMessages\" WHERE \"Id\" > {lastOutbox} ORDER BY \"Id\""));
        var saves = db.WriteState.AppendedSaves;
        await tx.RollbackAsync();
        return (ticket, saves, rows);
    }

    private async Task<TicketDraft> DraftAsync()
    {
        await using var db = await app.DbAsync();
        var site = await db.Sites.AsNoTracking().Where(s => s.Region == Regions.East).OrderBy(s => s.Id).FirstAsync();
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == site.CustomerId);
        return new TicketDraft(TicketType.Repair, "收银机无法开机", "门店反馈 \"收银机\" 开机黑屏 <急>", TicketPriority.High, customer.Id, customer.Name,
            site.Id, site.Address, site.City, site.Region, new GeoPoint(site.Lat, site.Lng));
    }

    private sealed record Rows(List<Dictionary<string, object?>> Ticket, List<Dictionary<string, object?>> Timeline,
        List<Dictionary<string, object?>> Audit, List<Dictionary<string, object?>> Outbox);

    /// <summary>The ticket's id, number and event ids replaced in the JSON columns (they differ between the two tickets).</summary>
    private static List<Dictionary<string, object?>> Normalised(List<Dictionary<string, object?>> rows, Ticket ticket) =>
        rows.Select(row => row.ToDictionary(c => c.Key, c => c.Value is string text && text.StartsWith('{')
            ? (object?)Replace(JsonNode.Parse(text), ticket, row.TryGetValue("EventId", out var eventId) ? eventId as string : null)?.ToJsonString()
            : c.Value)).ToList();

    private static JsonNode? Replace(JsonNode? node, Ticket ticket, string? eventId)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o.ToList()) o[name] = Replace(value?.DeepClone(), ticket, eventId);
                return o;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) array[i] = Replace(array[i]?.DeepClone(), ticket, eventId);
                return array;
            case JsonValue v when v.TryGetValue<long>(out var n) && n == ticket.Id:
                return JsonValue.Create("<ticket id>");
            case JsonValue v when v.TryGetValue<string>(out var t) && (t == ticket.Number || t == ticket.Id.ToString(CultureInfo.InvariantCulture)):
                return JsonValue.Create("<ticket>");
            case JsonValue v when eventId is not null && v.TryGetValue<string>(out var t) && string.Equals(t, eventId, StringComparison.OrdinalIgnoreCase):
                return JsonValue.Create("<event id>");
            default:
                return node;
        }
    }

    private static void Same(List<Dictionary<string, object?>> appended, List<Dictionary<string, object?>> saved, params string[] except)
    {
        appended.Count.ShouldBe(saved.Count);
        for (var i = 0; i < appended.Count; i++)
        {
            appended[i].Keys.ShouldBe(saved[i].Keys);
            foreach (var column in appended[i].Keys.Except(except))
                appended[i][column].ShouldBe(saved[i][column], $"row {i}, column {column}");
        }
    }
}
