using Microsoft.EntityFrameworkCore;
using Scrm.App.Features.Shared;
using Scrm.Domain.Common;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Data;

[Collection(AppCollection.Name)]
public sealed class TicketConcurrency(TestApp app)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task SecondOfTwoContextsSavingTheSameTicketThrowsDbUpdateConcurrencyException()
    {
        var created = await app.CreateTicketAsync(TestApp.Admin, "上海");
        await using var first = await app.DbAsync();
        await using var second = await app.DbAsync();
        var mine = await first.Tickets.SingleAsync(t => t.Id == created.Row.Id);
        var theirs = await second.Tickets.SingleAsync(t => t.Id == created.Row.Id);

        mine.Edit("第一位用户的标题", null, TicketPriority.High, new Actor("u1", "甲"), Now);
        theirs.Edit("第二位用户的标题", null, TicketPriority.Low, new Actor("u2", "乙"), Now);
        await first.SaveChangesAsync();

        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        var stored = await app.LoadTicketAsync(created.Row.Id);
        stored.Title.ShouldBe("第一位用户的标题");
        stored.Priority.ShouldBe(TicketPriority.High);
        stored.Version.ShouldBe(created.Row.Version + 1);
    }

    [Fact]
    public async Task ChangeBasedOnAStaleVersionIsRefusedNamingWhoChangedItAndOverwritesNothing()
    {
        var created = await app.CreateTicketAsync(TestApp.Admin, "杭州");
        var readVersion = created.Row.Version;
        var winner = TestApp.Dispatcher("华东", "华东调度 先到");
        var loser = TestApp.Dispatcher("华东", "华东调度 后到");
        await app.Tickets.EditAsync(winner, created.Row.Id, "先到者改的标题", null, TicketPriority.Urgent, readVersion);

        var transition = await Should.ThrowAsync<ConcurrencyConflictException>(() =>
            app.Tickets.TransitionAsync(loser, created.Row.Id, TicketStatus.Cancelled, "客户取消", readVersion));
        var edit = await Should.ThrowAsync<ConcurrencyConflictException>(() =>
            app.Tickets.EditAsync(loser, created.Row.Id, "后到者改的标题", null, TicketPriority.Low, readVersion));

        transition.ChangedBy.ShouldBe("华东调度 先到");
        transition.CurrentVersion.ShouldBe(readVersion + 1);
        edit.ChangedBy.ShouldBe("华东调度 先到");
        var stored = await app.LoadTicketAsync(created.Row.Id);
        stored.Title.ShouldBe("先到者改的标题");
        stored.Priority.ShouldBe(TicketPriority.Urgent);
        stored.Status.ShouldBe(TicketStatus.New);
        stored.Version.ShouldBe(readVersion + 1);
    }

    [Fact]
    public async Task ChangeThatLosesTheRaceBetweenReadAndSaveIsReportedAsAConflictNamingTheWinner()
    {
        var created = await app.CreateTicketAsync(TestApp.Admin, "南京");
        var winner = TestApp.Dispatcher("华东", "华东调度 抢先");
        var loser = TestApp.Dispatcher("华东", "华东调度 落后");

        // The loser has read the ticket (and passes no expected version); the winner saves before the loser does.
        using (CommandHooks.Before("\"TicketEvents\"", () =>
                   app.Tickets.EditAsync(winner, created.Row.Id, "抢先者的标题", null, TicketPriority.High, null)))
        {
            var conflict = await Should.ThrowAsync<ConcurrencyConflictException>(() =>
                app.Tickets.EditAsync(loser, created.Row.Id, "落后者的标题", null, TicketPriority.Low, null));
            conflict.ChangedBy.ShouldBe("华东调度 抢先");
        }

        var stored = await app.LoadTicketAsync(created.Row.Id);
        stored.Title.ShouldBe("抢先者的标题");
        stored.UpdatedByName.ShouldBe("华东调度 抢先");
        stored.Version.ShouldBe(created.Row.Version + 1);
    }
}
