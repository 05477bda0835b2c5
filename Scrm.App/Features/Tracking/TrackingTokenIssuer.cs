using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Tracking;

/// <summary>Every new ticket gets its progress link; a redelivered TicketCreated changes nothing.</summary>
public sealed class TrackingTokenIssuer(WritePath writes, TrackingTokens tokens) : IEventHandler<TicketCreated>, IEventBatchHandler, IPositionedEventHandler
{
    public Task HandleAsync(TicketCreated e, EventDelivery delivery, CancellationToken ct) =>
        writes.RunOnceAsync(delivery, e, (db, token) => tokens.IssueInAsync(db, e.AggregateId, token), ct);

    // A busy hour's creations get their links in one write, not one write at the gate per ticket.
    public Task HandleBatchAsync(IReadOnlyList<StoredEvent> events, string handler, CancellationToken ct)
    {
        var created = events.Select(s => s.Event).OfType<TicketCreated>().ToList<Scrm.Domain.Common.DomainEvent>();
        if (created.Count == 0) return Task.CompletedTask;
        return writes.RunOnceAsync(handler, created,
            (db, fresh, token) => tokens.IssueInAsync(db, fresh.Select(e => e.AggregateId).Distinct().ToList(), token), ct);
    }
}

/// <summary>
/// Tickets that existed before the tracking module (the demo seed, an upgraded database) get their links at start-up,
/// in batches, through the write path.
/// </summary>
public sealed class TrackingBackfill(IDbContextFactory<ScrmDbContext> dbFactory, WritePath writes, TrackingTokens tokens,
    ILogger<TrackingBackfill> log) : BackgroundService
{
    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var issued = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            List<long> missing;
            await using (var db = await dbFactory.CreateForAsync(AccessScope.System, stoppingToken))
            {
                missing = await db.Tickets.IgnoreQueryFilters().Where(t => !db.TrackingTokens.Any(k => k.TicketId == t.Id))
                    .OrderBy(t => t.Id).Select(t => t.Id).Take(Batch).ToListAsync(stoppingToken);
            }
            if (missing.Count == 0) break;
            // Checked again inside the gate: the issuer may have served some of them meanwhile.
            await writes.RunAsync(AccessScope.System, (db, ct) => tokens.IssueInAsync(db, missing, ct), stoppingToken);
            issued += missing.Count;
        }
        if (issued > 0) log.LogInformation("Issued progress links for {Count} tickets that had none", issued);
    }
}
