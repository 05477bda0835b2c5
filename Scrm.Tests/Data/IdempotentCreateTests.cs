using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Data;

[Collection(AppCollection.Name)]
public sealed class IdempotentCreate(TestApp app)
{
    private static readonly AccessScope Caller = TestApp.Scope("idem-caller", "集成方甲", AppRoles.Agent, allRegions: true);
    private static readonly AccessScope OtherCaller = TestApp.Scope("idem-other", "集成方乙", AppRoles.Agent, allRegions: true);

    [Fact]
    public async Task ReplayWithTheSameKeyReturnsTheFirstTicketWithoutCreatingAnother()
    {
        var request = TestApp.NewRequest("成都");
        var key = TestApp.Marker("key");

        var first = await app.Tickets.CreateAsync(Caller, request, key);
        var second = await app.Tickets.CreateAsync(Caller, request, key);

        first.Created.ShouldBeTrue();
        second.Created.ShouldBeFalse();
        second.Ticket.Row.Id.ShouldBe(first.Ticket.Row.Id);
        second.Ticket.Row.Number.ShouldBe(first.Ticket.Row.Number);
        (await CountAsync(request.Title!)).ShouldBe(1);
    }

    [Fact]
    public async Task SameKeyFromAnotherCallerCreatesItsOwnTicket()
    {
        var request = TestApp.NewRequest("重庆");
        var key = TestApp.Marker("key");

        var mine = await app.Tickets.CreateAsync(Caller, request, key);
        var theirs = await app.Tickets.CreateAsync(OtherCaller, request, key);

        theirs.Created.ShouldBeTrue();
        theirs.Ticket.Row.Id.ShouldNotBe(mine.Ticket.Row.Id);
        (await CountAsync(request.Title!)).ShouldBe(2);
    }

    [Fact]
    public async Task TheSameKeyWithADifferentRequestIsRefusedAndCreatesNothing()
    {
        var request = TestApp.NewRequest("贵阳");
        var key = TestApp.Marker("key");
        await app.Tickets.CreateAsync(Caller, request, key);
        var changed = TestApp.NewRequest("贵阳");

        var refused = await Should.ThrowAsync<Scrm.Domain.Common.DomainRuleException>(() => app.Tickets.CreateAsync(Caller, changed, key));

        refused.Code.ShouldBe("Idempotency.KeyReused");
        (await CountAsync(changed.Title!)).ShouldBe(0);
    }

    private async Task<int> CountAsync(string title)
    {
        await using var db = await app.DbAsync();
        return await db.Tickets.CountAsync(t => t.Title == title);
    }
}
