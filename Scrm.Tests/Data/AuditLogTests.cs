using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.Domain.Common;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Data;

[Collection(AppCollection.Name)]
public sealed class AuditLog(TestApp app)
{
    [Fact]
    public async Task CreatingATicketRecordsTheTicketAsTheActorButNotItsTimelineOrOutboxRows()
    {
        var agent = TestApp.Scope("audit-agent", "客服 审计", AppRoles.Agent, allRegions: true);

        var ticket = await app.CreateTicketAsync(agent, "上海");

        var rows = await AuditRowsAsync("Ticket", ticket.Row.Id);
        var create = rows.ShouldHaveSingleItem();
        create.Action.ShouldBe("Create");
        create.UserId.ShouldBe("audit-agent");
        create.UserName.ShouldBe("客服 审计");
        create.Before.ShouldBeNull();
        Json(create.After)["Number"].GetString().ShouldBe(ticket.Row.Number);
        // Audit is opt-in: the timeline is itself the record for people, the outbox is plumbing.
        // (The repair flow's note may have joined the creation line by now; neither is audited.)
        var eventIds = await EventIdsAsync(ticket.Row.Id);
        eventIds.ShouldNotBeEmpty();
        foreach (var id in eventIds) (await AuditRowsAsync("TicketEvent", id)).ShouldBeEmpty();
        await using var db = await app.DbAsync();
        (await db.AuditEntries.CountAsync(a => a.Entity == "OutboxMessage" || a.Entity == "TicketDaySequence")).ShouldBe(0);
    }

    [Fact]
    public async Task CreateRowsRecordTheStoredKeysNotTheTemporaryOnes()
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "上海");

        var create = (await AuditRowsAsync("Ticket", ticket.Row.Id)).Single();
        var customerCreate = (await AuditRowsAsync("Customer", ticket.CustomerId)).Single();

        Json(create.After)["Id"].GetInt64().ShouldBe(ticket.Row.Id);
        Json(create.After)["CustomerId"].GetInt64().ShouldBe(ticket.CustomerId);
        Json(customerCreate.After)["Id"].GetInt64().ShouldBe(ticket.CustomerId);
    }

    [Fact]
    public async Task CreateThatFailsBeforeCommitLeavesNeitherTheTicketNorItsAuditRows()
    {
        var request = TestApp.NewRequest("上海", TestApp.Marker("rollback"));

        // The ticket, its customer and their audit rows are written; the last insert of the transaction then fails.
        using (CommandHooks.Fail("INSERT INTO \"IdempotencyRecords\""))
            await Should.ThrowAsync<DbUpdateException>(() => app.Tickets.CreateAsync(TestApp.Admin, request, TestApp.Marker("key")));

        await using var db = await app.DbAsync();
        (await db.Tickets.CountAsync(t => t.Title == request.Title)).ShouldBe(0);
        (await db.Customers.CountAsync(c => c.Phone == request.Customer!.Phone)).ShouldBe(0);
        (await db.AuditEntries.CountAsync(a => a.After!.Contains(request.Title!))).ShouldBe(0);
        (await db.AuditEntries.CountAsync(a => a.After!.Contains(request.Customer!.Phone!))).ShouldBe(0);
    }

    [Fact]
    public async Task EditRecordsOnlyTheChangedPropertiesWithTheirOldAndNewValues()
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "杭州", "旧标题");
        var editor = TestApp.Dispatcher("华东", "华东调度 编辑");

        await app.Tickets.EditAsync(editor, ticket.Row.Id, "新标题", ticket.Description, ticket.Row.Priority, ticket.Row.Version);

        var update = (await AuditRowsAsync("Ticket", ticket.Row.Id)).Where(a => a.Action == "Update").ShouldHaveSingleItem();
        update.UserName.ShouldBe("华东调度 编辑");
        var before = Json(update.Before);
        var after = Json(update.After);
        before["Title"].GetString().ShouldBe("旧标题");
        after["Title"].GetString().ShouldBe("新标题");
        before["Version"].GetInt64().ShouldBe(ticket.Row.Version);
        after["Version"].GetInt64().ShouldBe(ticket.Row.Version + 1);
        after.Keys.ShouldBe(before.Keys, ignoreOrder: true);
        after.Keys.ShouldBeSubsetOf(["Title", "Version", "UpdatedAt", "UpdatedByName"]);
    }

    [Fact]
    public async Task AuditEntriesCannotBeUpdatedOrDeletedThroughEf()
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "苏州");
        var id = (await AuditRowsAsync("Ticket", ticket.Row.Id)).Single().Id;

        await using (var db = await app.DbAsync())
        {
            var entry = await db.AuditEntries.SingleAsync(a => a.Id == id);
            entry.UserName = "篡改者";
            await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }
        await using (var db = await app.DbAsync())
        {
            db.AuditEntries.Remove(await db.AuditEntries.SingleAsync(a => a.Id == id));
            await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        var stored = (await AuditRowsAsync("Ticket", ticket.Row.Id)).ShouldHaveSingleItem();
        stored.UserName.ShouldBe("测试管理员");
    }

    [Fact]
    public async Task AuditJsonIsWhatSerialisingTheColumnsAsADictionaryGives()
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "杭州");
        await using var db = await app.DbAsync();
        var entry = db.Entry(await db.Tickets.SingleAsync(t => t.Id == ticket.Row.Id));
        entry.Property(t => t.Title).CurrentValue = "新标题 \"引号\" <b>&";
        entry.Property(t => t.Lat).CurrentValue = 30.274085;
        db.ChangeTracker.DetectChanges();

        // Strings with quotes, markup and Chinese, numbers, enums, dates and nulls: each written as the serializer writes it.
        string Expected(Func<Microsoft.EntityFrameworkCore.ChangeTracking.PropertyEntry, object?> pick, bool all) =>
            JsonSerializer.Serialize(entry.Properties.Where(p => all || p.IsModified).ToDictionary(p => p.Metadata.Name, pick));
        Scrm.App.Data.Interceptors.WritePathInterceptor.Values(entry, p => p.CurrentValue, all: true).ShouldBe(Expected(p => p.CurrentValue, true));
        Scrm.App.Data.Interceptors.WritePathInterceptor.Values(entry, p => p.OriginalValue, all: false).ShouldBe(Expected(p => p.OriginalValue, false));
        Scrm.App.Data.Interceptors.WritePathInterceptor.Values(entry, p => p.CurrentValue, all: false).ShouldBe(Expected(p => p.CurrentValue, false));
    }

    [Fact]
    public async Task ASaveScansForChangesAgainOnceItIsOverWhetherItSucceededOrNot()
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "宁波");
        await using var db = await app.DbAsync();
        var tracked = await db.Tickets.SingleAsync(t => t.Id == ticket.Row.Id);
        tracked.Edit("宁波 改过", null, tracked.Priority, TestApp.Admin.Actor, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();

        // The save paused EF's automatic scans after its own; a change made after it must still be seen.
        db.ChangeTracker.AutoDetectChangesEnabled.ShouldBeTrue();
        tracked.Edit("宁波 又改", null, tracked.Priority, TestApp.Admin.Actor, DateTimeOffset.UtcNow);
        db.ChangeTracker.HasChanges().ShouldBeTrue();

        var audit = await db.AuditEntries.FirstAsync(a => a.Entity == "Ticket");
        audit.UserName = "篡改者";
        await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.AutoDetectChangesEnabled.ShouldBeTrue();
    }

    [Fact]
    public async Task DatabaseTriggersRefuseRawUpdatesAndDeletesOfAuditEntries()
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "宁波");
        var id = (await AuditRowsAsync("Ticket", ticket.Row.Id)).Single().Id;
        await using var connection = new SqliteConnection(app.ConnectionString);
        await connection.OpenAsync();

        var update = await Should.ThrowAsync<SqliteException>(() => ExecuteAsync(connection, $"UPDATE AuditEntries SET UserName = '篡改者' WHERE Id = {id}"));
        var delete = await Should.ThrowAsync<SqliteException>(() => ExecuteAsync(connection, $"DELETE FROM AuditEntries WHERE Id = {id}"));

        update.Message.ShouldContain("append-only");
        delete.Message.ShouldContain("append-only");
        var stored = (await AuditRowsAsync("Ticket", ticket.Row.Id)).ShouldHaveSingleItem();
        stored.UserName.ShouldBe("测试管理员");
    }

    [Fact]
    public async Task SaveThatLosesAConcurrencyRaceLeavesNoAuditRows()
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "合肥");
        // ASCII titles: the audit JSON escapes other characters, and we search it as text.
        var (winnerTitle, loserTitle) = (TestApp.Marker("winner"), TestApp.Marker("loser"));
        await using var winnerDb = await app.DbAsync();
        await using var loserDb = await app.DbAsync();
        var winner = await winnerDb.Tickets.SingleAsync(t => t.Id == ticket.Row.Id);
        var loser = await loserDb.Tickets.SingleAsync(t => t.Id == ticket.Row.Id);
        winner.Edit(winnerTitle, null, TicketPriority.Normal, new Actor("winner", "赢家"), DateTimeOffset.UtcNow);
        loser.Edit(loserTitle, null, TicketPriority.Normal, new Actor("loser", "输家"), DateTimeOffset.UtcNow);
        await winnerDb.SaveChangesAsync();

        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => loserDb.SaveChangesAsync());

        await using var db = await app.DbAsync();
        (await db.AuditEntries.CountAsync(a => a.After!.Contains(loserTitle))).ShouldBe(0);
        var updates = (await AuditRowsAsync("Ticket", ticket.Row.Id)).Where(a => a.Action == "Update").ToList();
        Json(updates.ShouldHaveSingleItem().After)["Title"].GetString().ShouldBe(winnerTitle);
        (await db.TicketEvents.CountAsync(e => e.TicketId == ticket.Row.Id && e.After == loserTitle)).ShouldBe(0);
    }

    private async Task<List<AuditEntry>> AuditRowsAsync(string entity, long id)
    {
        await using var db = await app.DbAsync();
        var key = id.ToString(CultureInfo.InvariantCulture);
        return await db.AuditEntries.AsNoTracking().Where(a => a.Entity == entity && a.EntityId == key).OrderBy(a => a.Id).ToListAsync();
    }

    private async Task<List<long>> EventIdsAsync(long ticketId)
    {
        await using var db = await app.DbAsync();
        // The SLA module's timeline note is a later write of its own.
        return await db.TicketEvents.Where(e => e.TicketId == ticketId && e.Kind != TicketEventKind.Sla).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
    }

    private static Dictionary<string, JsonElement> Json(string? json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json.ShouldNotBeNull())!;

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
