using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Files;
using Scrm.App.Features.Intake;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Files;

/// <summary>Uploads no ticket took (a public form chosen photos for, then never sent) are swept after a day.</summary>
[Collection(AppCollection.Name)]
public sealed class AbandonedIntakeUploads(TestApp app)
{
    [Fact]
    public async Task AnUntakenUploadOlderThanADayGoesWithItsBytesAndTheRestStay()
    {
        var files = app.Get<Attachments>();
        var abandoned = await files.UploadAsync(PublicIntake.Scope, new MemoryStream(TestFiles.Png(1024)), "坏了.png");
        var recent = await files.UploadAsync(PublicIntake.Scope, new MemoryStream(TestFiles.Png(1024)), "刚选的.png");
        var taken = await files.UploadAsync(TestApp.Admin, new MemoryStream(TestFiles.Png(1024)), "已提交.png");
        var request = TestApp.NewRequest("上海", TestApp.Marker("swept"));
        request.Form = Data.TicketForms.Repair(("photos", JsonSerializer.SerializeToElement(new[] { new { @ref = taken.Ref } })));
        await app.Tickets.CreateAsync(TestApp.Admin, request);
        await UploadedAgoAsync(TimeSpan.FromHours(25), abandoned.Ref, taken.Ref);
        await UploadedAgoAsync(TimeSpan.FromHours(23), recent.Ref);

        var swept = await app.Get<AbandonedUploads>().SweepAsync();

        swept.ShouldBeGreaterThanOrEqualTo(1);
        await using var db = await app.DbAsync();
        var left = await db.Attachments.IgnoreQueryFilters().Where(a => new[] { abandoned.Ref, recent.Ref, taken.Ref }.Contains(a.Ref))
            .Select(a => a.Ref).ToListAsync();
        left.ShouldBe([recent.Ref, taken.Ref], ignoreOrder: true);
        var store = app.Get<IFileStore>();
        store.Open(abandoned.Ref).ShouldBeNull();
        using (store.Open(recent.Ref).ShouldNotBeNull()) { }
        using (store.Open(taken.Ref).ShouldNotBeNull()) { }
    }

    private Task UploadedAgoAsync(TimeSpan age, params string[] refs) =>
        app.Get<WritePath>().RunAsync(AccessScope.System, async (db, ct) =>
        {
            var at = app.Get<TimeProvider>().GetUtcNow() - age;
            foreach (var row in await db.Attachments.IgnoreQueryFilters().Where(a => refs.Contains(a.Ref)).ToListAsync(ct))
                row.UploadedAt = at;
            return 0;
        });
}
