using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Events;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Data;

[Collection(AppCollection.Name)]
public sealed class ContextPool(TestApp app)
{
    [Fact]
    public async Task APooledContextDoesNotCarryItsLastUsersScope()
    {
        var factory = app.Get<IDbContextFactory<ScrmDbContext>>();
        await app.CreateTicketAsync(TestApp.Admin, "上海");
        for (var round = 0; round < 5; round++)
        {
            await using (var admin = await factory.CreateForAsync(TestApp.Admin))
                (await admin.Tickets.CountAsync()).ShouldBeGreaterThan(0);

            await using var unscoped = await factory.CreateDbContextAsync();
            unscoped.Scope.ShouldBe(AccessScope.Nobody);
            (await unscoped.Tickets.CountAsync()).ShouldBe(0);
        }
    }

    [Fact]
    public async Task TheSqliteWriteGateLetsOneWriterInAtATime()
    {
        var gate = app.Get<WriteGate>();
        var first = await gate.EnterAsync();
        var second = gate.EnterAsync();

        await Task.Delay(50);
        second.IsCompleted.ShouldBeFalse();
        first.Dispose();
        using var entered = await second.WaitAsync(TimeSpan.FromSeconds(5));
        second.IsCompletedSuccessfully.ShouldBeTrue();
    }

    [Fact]
    public async Task TheSqlServerProviderGetsAGateThatNeverWaits()
    {
        // Only the registration is checked (no SQL Server here): a server database keeps writers apart itself.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:Scrm"] = "Server=127.0.0.1,1;Database=Scrm;TrustServerCertificate=True",
        }).Build();
        await using var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System).AddDomainEvents(configuration).AddScrmData(configuration).BuildServiceProvider();
        var gate = services.GetRequiredService<WriteGate>();
        using var first = await gate.EnterAsync();
        var second = gate.EnterAsync();
        second.IsCompletedSuccessfully.ShouldBeTrue();
        (await second).Dispose();
    }
}
