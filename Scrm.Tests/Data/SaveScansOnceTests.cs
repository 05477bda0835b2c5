using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.Domain.Common;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Data;

/// <summary>
/// A save compares the tracked rows with their snapshots once (WritePathInterceptor.ScanOnce, TrackedRows.SaveIfChangedAsync):
/// it used to do so up to four times (HasChanges, the audit, EF's own save, the outbox), inside the one writer loop.
/// What the scan finds must still be saved and audited, and the context must scan again on its own afterwards.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SaveScansOnce(TestApp app)
{
    private static readonly Actor Editor = new("scan-editor", "编辑 扫描");

    [Fact]
    public async Task AWriteThroughTheWritePathScansOnceAndSavesAndAuditsWhatItFound()
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "南京", "扫描前");
        var scans = 0;

        await app.Get<WritePath>().RunAsync(AccessScope.System,
            (db, ct) => db.Tickets.SingleAsync(t => t.Id == ticket.Row.Id, ct),
            (db, loaded, _) =>
            {
                db.ChangeTracker.DetectingAllChanges += (_, _) => scans++;
                loaded.Edit("扫描后", loaded.Description, loaded.Priority, Editor, DateTimeOffset.UtcNow);
                return Task.FromResult(0);
            });

        scans.ShouldBe(1);
        await using var check = await app.DbAsync();
        (await check.Tickets.SingleAsync(t => t.Id == ticket.Row.Id)).Title.ShouldBe("扫描后");
        var update = (await check.AuditEntries.Where(a => a.Entity == "Ticket" && a.EntityId == ticket.Row.Id.ToString() && a.Action == "Update")
            .ToListAsync()).ShouldHaveSingleItem();
        System.Text.Json.JsonDocument.Parse(update.After!).RootElement.GetProperty("Title").GetString().ShouldBe("扫描后");
    }

    [Fact]
    public async Task AContextScansOnItsOwnAgainAfterASaveAndAfterAFailedOne()
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "南京", "扫描 一");
        await using var db = await app.Get<IDbContextFactory<ScrmDbContext>>().CreateForAsync(AccessScope.System);
        var scans = 0;
        db.ChangeTracker.DetectingAllChanges += (_, _) => scans++;
        var row = await db.Tickets.SingleAsync(t => t.Id == ticket.Row.Id);

        row.Edit("扫描 二", row.Description, row.Priority, Editor, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        scans.ShouldBe(1);
        db.ChangeTracker.AutoDetectChangesEnabled.ShouldBeTrue();

        row.Edit("扫描 三", row.Description, row.Priority, Editor, DateTimeOffset.UtcNow);
        db.ChangeTracker.HasChanges().ShouldBeTrue();
        using (CommandHooks.Fail("UPDATE \"Tickets\""))
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
        db.ChangeTracker.AutoDetectChangesEnabled.ShouldBeTrue();
    }

    [Fact]
    public async Task AContextWhoseOwnerTurnedScanningOffIsNotScanned()
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "南京", "不扫描");
        await using var db = await app.Get<IDbContextFactory<ScrmDbContext>>().CreateForAsync(AccessScope.System);
        var row = await db.Tickets.SingleAsync(t => t.Id == ticket.Row.Id);
        var scans = 0;
        db.ChangeTracker.DetectingAllChanges += (_, _) => scans++;
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        row.Edit("不应保存", row.Description, row.Priority, Editor, DateTimeOffset.UtcNow);
        (await db.SaveChangesAsync()).ShouldBe(0);

        scans.ShouldBe(0);
        db.ChangeTracker.AutoDetectChangesEnabled.ShouldBeFalse();
        await using var check = await app.DbAsync();
        (await check.Tickets.SingleAsync(t => t.Id == ticket.Row.Id)).Title.ShouldBe("不扫描");
    }
}
