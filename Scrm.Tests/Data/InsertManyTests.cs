using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Data.Interceptors;
using Scrm.App.Features.Notifications;
using Scrm.Domain.Notifications;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Data;

/// <summary>
/// AppendedRows.InsertManyAsync: a batch's new rows in multi-row INSERTs, each row given the key it was stored under
/// (the notification handler's inbox items and voice repeats refer to those keys).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class InsertMany(TestApp app)
{
    private static NotificationDelivery Row(string marker, int i, DateTimeOffset now) => new()
    {
        DedupKey = $"{marker}-{i:000}", EventId = Guid.NewGuid(), RuleKey = "insert-many", TicketId = i, TicketNumber = $"GD-{i:000}",
        Region = i % 2 == 0 ? "华东" : "华南", Channel = (NotificationChannel)(i % 3), RecipientKind = RecipientKind.Customer,
        RecipientKey = $"customer:{i}", RecipientName = $"客户 {i}", Address = $"1380000{i:0000}", Subject = $"工单 {i}", Body = "正文",
        Urgent = i % 5 == 0, Status = DeliveryStatus.Pending, NextAttemptAt = now.AddSeconds(i), CreatedAt = now,
    };

    [Fact]
    public async Task EveryRowOfSeveralStatementsGetsTheKeyItWasStoredUnderWithItsValues()
    {
        var marker = TestApp.Marker("many");
        var now = new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
        // 40 rows: three statements of up to 16, the last one short.
        var rows = Enumerable.Range(0, 40).Select(i => Row(marker, i, now)).ToList();

        await app.Get<WritePath>().RunAsync(AccessScope.System, async (db, ct) =>
        {
            await AppendedRows.InsertManyAsync(db, rows, ct);
            return true;
        });

        rows.ShouldAllBe(r => r.Id > 0);
        rows.Select(r => r.Id).Distinct().Count().ShouldBe(rows.Count);
        await using var db = await app.DbAsync();
        var stored = await db.NotificationDeliveries.AsNoTracking().Where(d => d.DedupKey.StartsWith(marker)).ToDictionaryAsync(d => d.DedupKey);
        stored.Count.ShouldBe(rows.Count);
        foreach (var row in rows)
        {
            var back = stored[row.DedupKey];
            back.Id.ShouldBe(row.Id);
            (back.TicketId, back.Channel, back.Urgent, back.NextAttemptAt, back.RecipientName, back.Region)
                .ShouldBe((row.TicketId, row.Channel, row.Urgent, row.NextAttemptAt, row.RecipientName, row.Region));
        }
    }

    [Fact]
    public async Task ARowThatCannotBeStoredFailsTheWriteAndLeavesNoneOfTheBatch()
    {
        var marker = TestApp.Marker("many-dup");
        var now = DateTimeOffset.UtcNow;
        var rows = Enumerable.Range(0, 20).Select(i => Row(marker, i, now)).ToList();
        rows[18].DedupKey = rows[3].DedupKey;  // the dedup key is unique

        await Should.ThrowAsync<DbUpdateException>(() => app.Get<WritePath>().RunAsync(AccessScope.System, async (db, ct) =>
        {
            await AppendedRows.InsertManyAsync(db, rows, ct);
            return true;
        }));

        await using var db = await app.DbAsync();
        (await db.NotificationDeliveries.CountAsync(d => d.DedupKey.StartsWith(marker))).ShouldBe(0);
    }
}
