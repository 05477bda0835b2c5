using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scrm.App.Data;
using Scrm.App.Features.Dispatch;
using Scrm.Domain.Dispatch.Scoring;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Tracking;

/// <summary>
/// Passes the position stream on to the progress pages of tickets whose technician is on the way, at most once per
/// <see cref="TrackingOptions.PositionInterval"/> per technician: a phone may report every second, a customer's map
/// needs far less, and a thousand viewers multiply every message.
/// </summary>
public sealed class TrackingPositionRelay(PositionFeed feed, IDbContextFactory<ScrmDbContext> dbFactory,
    IHubContext<TrackingHub, ITrackingClient> hub, IOptions<TrackingOptions> options, IOptions<DispatchOptions> dispatch,
    TimeProvider clock, ILogger<TrackingPositionRelay> log) : IHostedService
{
    private readonly ConcurrentDictionary<long, DateTimeOffset> _lastSent = new();
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = feed.Subscribe(RelayAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    public async Task RelayAsync(IReadOnlyList<PositionUpdate> updates)
    {
        var now = clock.GetUtcNow();
        var due = updates.GroupBy(u => u.TechnicianId).Select(g => g.MaxBy(u => u.At)!)
            .Where(u => Claim(u.TechnicianId, now)).ToDictionary(u => u.TechnicianId);
        if (due.Count == 0) return;
        try
        {
            await using var db = await dbFactory.CreateForAsync(AccessScope.System);
            var ids = due.Keys.ToList();
            var trips = await db.Tickets.AsNoTracking()
                .Where(t => t.Status == TicketStatus.EnRoute && t.AssigneeId != null && ids.Contains(t.AssigneeId.Value))
                .Select(t => new { t.Id, AssigneeId = t.AssigneeId!.Value, t.Lat, t.Lng, t.City }).ToListAsync();
            foreach (var trip in trips)
            {
                var at = due[trip.AssigneeId];
                var km = new GeoPoint(at.Lat, at.Lng).DistanceKmTo(new GeoPoint(trip.Lat, trip.Lng));
                var eta = new TravelModel(dispatch.Value.SpeedIn(trip.City)).EtaMinutes(km);
                await hub.Clients.Groups(TrackingHub.GroupsOf(trip.Id)).Position(new TrackingPosition(at.Lat, at.Lng, at.At, eta));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Telemetry: the next ping brings the next position.
            log.LogWarning(ex, "Could not pass technician positions on to progress pages");
        }
    }

    private bool Claim(long technicianId, DateTimeOffset now)
    {
        var interval = options.Value.PositionInterval;
        while (true)
        {
            if (!_lastSent.TryGetValue(technicianId, out var last))
                return _lastSent.TryAdd(technicianId, now) || Claim(technicianId, now);
            if (now - last < interval) return false;
            if (_lastSent.TryUpdate(technicianId, now, last)) return true;
        }
    }
}
