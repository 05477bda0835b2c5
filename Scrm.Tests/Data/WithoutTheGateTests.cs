using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Features.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Data;

/// <summary>
/// The host with the in-process write gate switched off, as on a server database or with several instances:
/// only the database itself keeps writers apart, so these races really run in SQLite.
/// </summary>
public sealed class NoGateApp : TestApp
{
    protected override void AddTestServices(IServiceCollection services) => services.AddSingleton(new WriteGate(serialise: false));
}

public sealed partial class WithoutTheGate(NoGateApp app) : IClassFixture<NoGateApp>
{
    private static readonly AccessScope Caller = TestApp.Scope("race-caller", "集成方丙", AppRoles.Agent, allRegions: true);

    [Fact]
    public void TheGateIsReallyOff()
    {
        var entered = app.Get<WriteGate>().EnterAsync();
        var second = app.Get<WriteGate>().EnterAsync();
        second.IsCompletedSuccessfully.ShouldBeTrue();
        entered.IsCompletedSuccessfully.ShouldBeTrue();
    }

    [Fact]
    public async Task BareStatementsRacingForTheDaySequenceNeverGetTheSameNumber()
    {
        var day = $"R{Guid.NewGuid():N}"[..8];
        var factory = app.Get<IDbContextFactory<ScrmDbContext>>();

        // Eight connections, no transaction of ours, no gate: a read-then-write would hand out duplicates here.
        var batches = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var got = new List<int>();
            for (var i = 0; i < 50; i++)
            {
                await using var db = await factory.CreateForAsync(AccessScope.System);
                got.Add(await WritePath.NextTicketSequenceAsync(db, day, default));
            }
            return got;
        })));

        batches.SelectMany(b => b).Order().ShouldBe(Enumerable.Range(1, 400));
    }

    [Fact]
    public async Task FourConcurrentWritersGetOneHundredDistinctNumbers()
    {
        var marker = TestApp.Marker("并发");

        var batches = await Task.WhenAll(Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            var numbers = new List<string>();
            for (var i = 0; i < 25; i++)
                numbers.Add((await app.CreateTicketAsync(TestApp.Admin, "贵阳", $"{marker} {writer}-{i}")).Row.Number);
            return numbers;
        })));

        var all = batches.SelectMany(b => b).ToList();
        all.Distinct().Count().ShouldBe(100);
        all.ShouldAllBe(n => NumberPattern().IsMatch(n));
        var stored = await app.Queries.ListAsync(TestApp.Admin, new TicketFilter { Text = marker, PageSize = 200 });
        stored.Items.Select(t => t.Number).ShouldBe(all, ignoreOrder: true);
    }

    [Fact]
    public async Task ConcurrentCreatesWithTheSameKeyMakeExactlyOneTicket()
    {
        var request = TestApp.NewRequest("昆明");
        var key = TestApp.Marker("key");

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => app.Tickets.CreateAsync(Caller, request, key))));

        results.Count(r => r.Created).ShouldBe(1);
        results.Select(r => r.Ticket.Row.Id).Distinct().ShouldHaveSingleItem();
        await using var db = await app.DbAsync();
        (await db.Tickets.CountAsync(t => t.Title == request.Title)).ShouldBe(1);
    }

    [GeneratedRegex(@"^GD-(?<day>\d{8})-(?<seq>\d{4})$")]
    private static partial Regex NumberPattern();
}
