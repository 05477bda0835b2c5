using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Scrm.App.Events;
using Scrm.App.Features.Tickets;
using Scrm.Bench.Infrastructure;
using Scrm.Domain.Tickets;

namespace Scrm.Bench.Outbox;

/// <summary>
/// Event delivery through the app's own OutboxDispatcher to a trivial durable handler (<see cref="DeliveryCounter"/>):
/// events/s draining a pre-filled outbox, beside the same events handed over through a Channel&lt;T&gt;; then the lag
/// from commit (CreateAsync returned) to the handler while N writers create tickets, beside a Channel&lt;T&gt; hand-off at
/// the same moments — with the bench's handler alone, and beside the app's own handlers, as the app runs.
/// </summary>
internal static class OutboxScenario
{
    public const double TargetEventsPerSecond = 20_000;
    public const double TargetLagP99Ms = 50;

    public static async Task RunAsync(BenchOptions options)
    {
        var events = options.Int("events", 50_000);
        var duration = TimeSpan.FromSeconds(options.Int("seconds", 8));
        var writers = options.Int("writers", 4);
        // JIT and tiering are per process: the first host warms up long enough for both (3 s was too short).
        var warmUp = TimeSpan.FromSeconds(options.Int("warmup", 10));
        Table.Machine("outbox");
        var lag = new List<string[]>();
        await using (var app = StartApp("outbox-alone", appHandlers: false))
        {
            Console.WriteLine($"App up with only the bench's handler in {app.StartupTime.TotalSeconds:0.0} s; database {app.DatabasePath}");
            var probe = app.Services.GetRequiredService<DeliveryProbe>();
            await CaughtUpAsync(app, probe);
            await DeliverBacklogAsync(app, probe, events);
            lag.AddRange(await LagAsync(app, probe, "handler alone", writers, duration, warmUp));
        }
        await using (var app = StartApp("outbox-app", appHandlers: true))
        {
            Console.WriteLine($"App up with its own handlers and the bench's in {app.StartupTime.TotalSeconds:0.0} s");
            var probe = app.Services.GetRequiredService<DeliveryProbe>();
            await CaughtUpAsync(app, probe);
            lag.AddRange(await LagAsync(app, probe, "beside app's handlers", writers, duration, TimeSpan.FromSeconds(3)));
            Console.WriteLine($"Right after the load: {await OutboxBacklog.DescribeAsync(app.ConnectionString)}");
            var drained = await OutboxBacklog.DrainedAsync(app.ConnectionString, "TicketDayCounter", TimeSpan.FromSeconds(60));
            Console.WriteLine($"TicketDayCounter caught up {drained.TotalSeconds:0.0} s after the load stopped.");
        }
        Table.Print($"Commit → handler while {writers} writers create tickets for {duration.TotalSeconds:0} s",
            ["path", "handlers", "tickets/s", "samples", "p50 ms", "p95 ms", "p99 ms", "max ms"], lag);
        Console.WriteLine($"Target p99 ≤ {TargetLagP99Ms:0} ms from CreateAsync returned to the handler: see the rows above.");
    }

    private static BenchApp StartApp(string name, bool appHandlers) => BenchApp.Start(name, new Dictionary<string, string>
    {
        ["Demo:Customers"] = "200",
        ["Demo:ClosedTickets"] = "0",
        ["Demo:OpenPerStatusPerRegion"] = "0",
    }, services: services =>
    {
        if (!appHandlers) services.RemoveAll<EventHandlerBinding>();
        services.AddSingleton<DeliveryProbe>();
        services.AddEventHandler<TicketDomainEvent, DeliveryCounter>(durable: true);
    });

    /// <summary>Pre-fills the outbox, wakes the dispatcher as a commit would and times the handler through the backlog.</summary>
    private static async Task DeliverBacklogAsync(BenchApp app, DeliveryProbe probe, int count)
    {
        var fill = Stopwatch.StartNew();
        var (first, last, events) = await OutboxPrefill.InsertAsync(app.ConnectionString, app.Services.GetRequiredService<EventTypes>(), count);
        fill.Stop();

        var delivered = probe.Count;
        var reached = probe.ReachedAsync(last);
        var started = Stopwatch.GetTimestamp();
        var feed = app.Services.GetRequiredService<IEventFeed>();
        feed.Committed();
        await reached.WaitAsync(TimeSpan.FromMinutes(2));
        var dispatched = Stopwatch.GetElapsedTime(started);
        delivered = probe.Count - delivered;

        // The dispatcher's reads alone: the same batches through the same feed, no handler, no checkpoint.
        var names = app.Services.GetRequiredService<EventHandlerRegistry>().Find(nameof(DeliveryCounter))!.EventNames;
        var batchSize = app.Services.GetRequiredService<IOptions<EventOptions>>().Value.BatchSize;
        started = Stopwatch.GetTimestamp();
        var read = 0;
        for (var position = first - 1; position < last;)
        {
            var batch = await feed.ReadAsync(position, names, batchSize, CancellationToken.None);
            read += batch.Events.Count;
            position = batch.LastExamined;
        }
        var reading = Stopwatch.GetElapsedTime(started);

        // A handler of events that are not in the backlog (as TechnicianWorkload is while tickets are only created).
        started = Stopwatch.GetTimestamp();
        var other = await feed.ReadAsync(first - 1, [nameof(TicketAssigned), nameof(TicketStatusChanged)], batchSize, CancellationToken.None);
        var emptyRead = Stopwatch.GetElapsedTime(started);

        var handOff = await ChannelHandOffAsync(events);
        Table.Print($"Delivering a backlog of {count:N0} events to a trivial durable handler",
            ["path", "events", "seconds", "events/s"],
        [
            ["OutboxDispatcher → DeliveryCounter", Table.N(delivered), Table.N(dispatched.TotalSeconds, "0.000"), Table.N(delivered / dispatched.TotalSeconds)],
            [$"  its reads alone (IEventFeed.ReadAsync, batches of {batchSize})", Table.N(read), Table.N(reading.TotalSeconds, "0.000"), Table.N(read / reading.TotalSeconds)],
            ["Channel<T> hand-off (baseline)", Table.N(events.Length), Table.N(handOff.TotalSeconds, "0.000"), Table.N(events.Length / handOff.TotalSeconds)],
        ]);
        var perSecond = delivered / dispatched.TotalSeconds;
        Console.WriteLine($"Target ≥ {TargetEventsPerSecond:N0} events/s: {(perSecond >= TargetEventsPerSecond ? "met" : "MISSED")} ({perSecond:N0}/s; " +
                          $"dispatcher/channel {perSecond / (events.Length / handOff.TotalSeconds):0.0000}). Pre-filling took {fill.Elapsed.TotalSeconds:0.00} s.");
        Console.WriteLine($"One read for TicketAssigned/TicketStatusChanged from before the backlog (none there): {emptyRead.TotalMilliseconds:0.0} ms, " +
                          $"{other.Events.Count} events, position moved {other.LastExamined - (first - 1)} rows.");
    }

    /// <summary>The same events through an unbounded Channel&lt;T&gt; to the same handler class: the floor of any in-process hand-off.</summary>
    private static async Task<TimeSpan> ChannelHandOffAsync(TicketCreated[] events)
    {
        var handler = new DeliveryCounter(new DeliveryProbe());
        var channel = Channel.CreateUnbounded<(long Id, TicketDomainEvent Event)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var started = Stopwatch.GetTimestamp();
        var consumer = Task.Run(async () =>
        {
            await foreach (var (id, e) in channel.Reader.ReadAllAsync())
                await handler.HandleAsync(e, new EventDelivery(nameof(DeliveryCounter), id, 1), CancellationToken.None);
        });
        for (var i = 0; i < events.Length; i++) channel.Writer.TryWrite((i + 1, events[i]));
        channel.Writer.Complete();
        await consumer;
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>
    /// N writers create tickets; for each, the moment CreateAsync returned (the commit, as the caller sees it) against
    /// the moment the handler got its TicketCreated, and against a Channel&lt;T&gt; consumer handed the same moment.
    /// </summary>
    private static async Task<IEnumerable<string[]>> LagAsync(BenchApp app, DeliveryProbe probe, string handlers, int writers,
        TimeSpan duration, TimeSpan warmUp)
    {
        var service = app.Services.GetRequiredService<TicketService>();
        var customers = await BenchCustomers.LoadAsync(app.ConnectionString);
        await LoadRunner.RunAsync(writers, warmUp, (w, i) => service.CreateAsync(BenchScopes.Admin, BenchCustomers.Request(customers, w, i)));
        await OutboxBacklog.DrainedAsync(app.ConnectionString, "TicketDayCounter", TimeSpan.FromSeconds(30));

        probe.Created.Clear();
        probe.TrackCreated = true;
        var returned = new ConcurrentDictionary<string, long>();
        var handOff = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });
        var handedOver = new Latencies();
        var consumer = Task.Run(async () =>
        {
            await foreach (var at in handOff.Reader.ReadAllAsync()) handedOver.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
        });
        var load = await LoadRunner.RunAsync(writers, duration, async (w, i) =>
        {
            var created = await service.CreateAsync(BenchScopes.Admin, BenchCustomers.Request(customers, w, i));
            var at = Stopwatch.GetTimestamp();
            returned[created.Ticket.Row.Number] = at;
            handOff.Writer.TryWrite(at);
        });
        handOff.Writer.Complete();
        await consumer;
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(30) && !returned.Keys.All(probe.Created.ContainsKey);)
            await Task.Delay(20);
        probe.TrackCreated = false;

        var seen = returned.Where(r => probe.Created.ContainsKey(r.Key)).Select(r => (Returned: r.Value, Handled: probe.Created[r.Key])).ToList();
        var fromReturn = new Latencies(seen.Select(s => Stopwatch.GetElapsedTime(s.Returned, s.Handled.At).TotalMilliseconds));
        var fromOccurred = new Latencies(seen.Select(s => (s.Handled.Wall - s.Handled.OccurredAt).TotalMilliseconds));
        string[] Row(string path, Latencies l) =>
        [
            path, handlers, Table.N(load.PerSecond), Table.N(l.Count), Latencies.Ms(l.Percentile(50)), Latencies.Ms(l.Percentile(95)),
            Latencies.Ms(l.Percentile(99)), Latencies.Ms(l.Max),
        ];
        if (seen.Count < returned.Count) Console.WriteLine($"{handlers}: the handler saw {seen.Count} of {returned.Count} tickets within 30 s.");
        return
        [
            Row("CreateAsync returned → handler", fromReturn),
            Row("event's OccurredAt → handler", fromOccurred),
            Row("returned → Channel<T> consumer (baseline)", handedOver),
            Row("(CreateAsync call itself)", load.Latencies),
        ];
    }

    /// <summary>Waits until the handler is claimed and has seen what is already in the outbox (the demo seed's events).</summary>
    private static async Task CaughtUpAsync(BenchApp app, DeliveryProbe probe)
    {
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(30); await Task.Delay(50))
        {
            var (newest, behind) = await OutboxBacklog.ReadAsync(app.ConnectionString);
            if (behind.ContainsKey(nameof(DeliveryCounter)) && probe.LastId >= newest) return;
        }
        throw new TimeoutException("The bench's handler did not catch up with the outbox within 30 s.");
    }
}
