using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scrm.App.Data;
using Scrm.App.Features.Tickets;
using Scrm.App.Workers;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Data;

/// <summary>The host without the event dispatcher, so that the only writes are the test's own.</summary>
public sealed class QuietWritesApp : TestApp
{
    protected override void AddTestServices(IServiceCollection services)
    {
        var dispatcher = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(OutboxDispatcher));
        services.Remove(dispatcher);
    }
}

public sealed class GroupCommitting(QuietWritesApp app) : IClassFixture<QuietWritesApp>
{
    private GroupCommit Committer => app.Get<GroupCommit>();

    [Fact]
    public async Task CreatesQueuedAtTheGateCommitTogetherInOneTransaction()
    {
        var requests = Enumerable.Range(0, 6).Select(i => TestApp.NewRequest("苏州", TestApp.Marker($"group-{i}"))).ToList();
        var before = Committer.Commits;

        List<Task<CreatedTicket>> creates;
        using (await app.Get<WriteGate>().EnterAsync())
        {
            creates = requests.Select(r => app.Tickets.CreateAsync(TestApp.Admin, r)).ToList();
            await WaitUntilQueuedAsync(requests.Count);
        }
        var created = await Task.WhenAll(creates);

        (Committer.Commits - before).ShouldBe(1);
        created.Select(c => c.Ticket.Row.Number).Distinct().Count().ShouldBe(requests.Count);
        await using var db = await app.DbAsync();
        foreach (var request in requests)
            (await db.Tickets.CountAsync(t => t.Title == request.Title)).ShouldBe(1);
    }

    [Fact]
    public async Task AWriteRefusedInsideTheBatchUndoesOnlyItself()
    {
        var first = TestApp.NewRequest("宁波", TestApp.Marker("kept-1"));
        var refused = TestApp.NewRequest("宁波", TestApp.Marker("refused"));
        var last = TestApp.NewRequest("宁波", TestApp.Marker("kept-2"));

        Task<CreatedTicket> a, b, c;
        using (await app.Get<WriteGate>().EnterAsync())
        {
            a = app.Tickets.CreateAsync(TestApp.Admin, first);
            using (CommandHooks.Fail("INSERT INTO \"OutboxMessages\""))
                b = app.Tickets.CreateAsync(TestApp.Admin, refused);
            c = app.Tickets.CreateAsync(TestApp.Admin, last);
            await WaitUntilQueuedAsync(3);
        }

        await Should.ThrowAsync<DbUpdateException>(() => b);
        var kept = await Task.WhenAll(a, c);

        await using var db = await app.DbAsync();
        (await db.Tickets.CountAsync(t => t.Title == refused.Title)).ShouldBe(0);
        (await db.Customers.CountAsync(x => x.Phone == refused.Customer!.Phone)).ShouldBe(0);
        (await db.AuditEntries.CountAsync(x => x.After!.Contains(refused.Title!))).ShouldBe(0);
        foreach (var ticket in kept)
        {
            (await db.Tickets.CountAsync(t => t.Id == ticket.Ticket.Row.Id)).ShouldBe(1);
            (await db.OutboxMessages.CountAsync(m => m.AggregateId == ticket.Ticket.Row.Id)).ShouldBe(1);
        }
    }

    [Fact]
    public async Task AContextThatLentItselfToABatchReadsThroughItsOwnConnectionAfterwards()
    {
        await app.CreateTicketAsync(TestApp.Admin, "苏州");

        // Every pooled context has been through a batch by now; each still opens and reads on its own.
        var factory = app.Get<IDbContextFactory<ScrmDbContext>>();
        var reads = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var db = await factory.CreateForAsync(TestApp.Admin);
            return (db.Database.GetConnectionString(), await db.Tickets.CountAsync());
        }));
        reads.ShouldAllBe(r => r.Item1 == app.ConnectionString && r.Item2 > 0);
    }

    [Fact]
    public async Task ACallerThatGivesUpWhileQueuedWritesNothing()
    {
        var request = TestApp.NewRequest("杭州", TestApp.Marker("given-up"));
        using var cancel = new CancellationTokenSource();

        Task<CreatedTicket> create;
        using (await app.Get<WriteGate>().EnterAsync())
        {
            create = app.Tickets.CreateAsync(TestApp.Admin, request, ct: cancel.Token);
            await WaitUntilQueuedAsync(1);
            await cancel.CancelAsync();
        }

        await Should.ThrowAsync<OperationCanceledException>(() => create);
        await using var db = await app.DbAsync();
        (await db.Tickets.CountAsync(t => t.Title == request.Title)).ShouldBe(0);
    }

    private async Task WaitUntilQueuedAsync(int count)
    {
        for (var i = 0; i < 500 && Committer.Queued < count; i++) await Task.Delay(10);
        Committer.Queued.ShouldBeGreaterThanOrEqualTo(count);
    }
}
