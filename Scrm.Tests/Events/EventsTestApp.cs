using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Events;

/// <summary>The real host with two extra handlers: one that records what it is given, one that fails on demand.</summary>
public sealed class EventsTestApp() : TestApp(new Dictionary<string, string?>
{
    ["Demo:Seed"] = "true",
    ["Demo:Customers"] = "20",
    ["Demo:ClosedTickets"] = "10",
    ["Demo:OpenPerStatusPerRegion"] = "1",
    ["Demo:TechniciansPerRegion"] = "6",
    ["Events:RetryDelaysMs:0"] = "10",
    ["Events:RetryDelaysMs:1"] = "10",
})
{
    protected override void AddTestServices(IServiceCollection services) => services
        .AddEventHandler<TicketDomainEvent, RecordingHandler>()
        .AddEventHandler<TicketCommented, FlakyHandler>();
}

/// <summary>Records each ticket event it handles for the first time, through the idempotent write path.</summary>
public sealed class RecordingHandler(WritePath writes) : IEventHandler<TicketDomainEvent>
{
    public sealed record Seen(long OutboxId, Guid EventId, string Type, long TicketId, long Version);

    public static ConcurrentQueue<Seen> Handled { get; } = new();

    public async Task HandleAsync(TicketDomainEvent e, EventDelivery delivery, CancellationToken ct)
    {
        if (await writes.RunOnceAsync(delivery, e, (_, _) => Task.CompletedTask, ct))
            Handled.Enqueue(new Seen(delivery.OutboxId, e.EventId, e.GetType().Name, e.AggregateId, e.AggregateVersion));
    }

    public static IReadOnlyList<Seen> For(long ticketId) => Handled.Where(s => s.TicketId == ticketId).ToList();
}

/// <summary>Fails on comments that name it, as many times as the test says, then succeeds.</summary>
public sealed class FlakyHandler : IEventHandler<TicketCommented>
{
    public static ConcurrentDictionary<string, int> FailuresLeft { get; } = new();

    public static ConcurrentDictionary<string, int> Succeeded { get; } = new();

    public Task HandleAsync(TicketCommented e, EventDelivery delivery, CancellationToken ct)
    {
        foreach (var (marker, left) in FailuresLeft)
        {
            if (!e.Comment.Contains(marker, StringComparison.Ordinal)) continue;
            if (left > 0 && FailuresLeft.TryUpdate(marker, left - 1, left))
                throw new InvalidOperationException($"下游系统拒收 {marker}");
            Succeeded.AddOrUpdate(marker, 1, (_, n) => n + 1);
        }
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class EventsCollection : ICollectionFixture<EventsTestApp>
{
    public const string Name = "events host";
}
