using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scrm.App.Data;
using Scrm.App.Features.Shared;
using Scrm.Domain.Common;
using Scrm.Domain.Dispatch.Scoring;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Dispatch;

/// <summary>
/// Takes batches of GPS pings for a technician: each ping is judged on its own (coordinates, time, order), the good
/// ones are kept and the technician's position moves to the newest; the bad ones come back with their reasons.
/// </summary>
public sealed class PositionIngestion(WritePath writes, IDbContextFactory<ScrmDbContext> dbFactory, IOptions<DispatchOptions> options,
    PositionFeed feed, Roster.TechnicianRoster roster, TimeProvider clock)
{
    /// <summary>A phone's clock may run a little ahead of ours; further ahead is a wrong clock.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    public async Task<PingReceipt> IngestAsync(AccessScope scope, long technicianId, IReadOnlyList<PositionPing> pings, CancellationToken ct = default)
    {
        if (!MayReport(scope, technicianId))
            throw new AccessDeniedException("Positions.Denied", "You may report positions only for your own account's technician.");
        var max = options.Value.MaxPingsPerBatch;
        if (pings.Count == 0 || pings.Count > max)
            throw new InputRejectedException([new FieldError("pings", "Positions.BatchSize", $"Send 1 to {max} pings at a time.", max)]);

        var now = clock.GetUtcNow();
        var (kept, rejected) = Judge(pings, now, now.AddDays(-options.Value.PositionRetentionDays));
        if (kept.Count == 0) return new PingReceipt(0, rejected);

        var newest = kept[^1];
        // Read before the write gate (readers never wait for writers): is the technician visible, and on the way somewhere?
        bool onTheWay;
        await using (var read = await dbFactory.CreateForAsync(scope, ct))
        {
            // The query filter hides technicians of other regions (and other technicians from a technician).
            var found = await read.Technicians.Where(t => t.Id == technicianId)
                .Select(t => new { OnTheWay = read.Tickets.Any(x => x.AssigneeId == t.Id && x.Status == TicketStatus.EnRoute && x.ArrivalAnnouncedAt == null) })
                .FirstOrDefaultAsync(ct)
                ?? throw new NotFoundException("Technician", technicianId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            onTheWay = found.OnTheWay;
        }
        var moved = await writes.RunAsync(scope, async (db, token) =>
        {
            await PositionRows.InsertAsync(db, technicianId, kept, now, token);
            // Telemetry, not a change of record: set directly, without an audit row per ping. Pings can arrive out
            // of order between batches; only a newer fix moves the technician.
            var at = newest.At!.Value;
            return await db.Technicians.Where(t => t.Id == technicianId && (t.PositionAt == null || t.PositionAt < at))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Lat, newest.Lat!.Value).SetProperty(t => t.Lng, newest.Lng!.Value)
                    .SetProperty(t => t.PositionAt, at), token);
        }, ct);
        if (moved > 0) roster.Moved(technicianId, new GeoPoint(newest.Lat!.Value, newest.Lng!.Value), newest.At!.Value);
        feed.Publish([new PositionUpdate(technicianId, newest.Lat!.Value, newest.Lng!.Value, newest.At!.Value)]);
        if (onTheWay) await AnnounceArrivalsAsync(technicianId, new GeoPoint(newest.Lat!.Value, newest.Lng!.Value), ct);
        return new PingReceipt(kept.Count, rejected);
    }

    /// <summary>How close counts as "arriving": the notification rules tell the customer when the technician is this near.</summary>
    public const int ArrivingWithinMinutes = 15;

    private static readonly Actor Tracking = new("gps-tracking", "定位");

    /// <summary>A trip whose ETA from the newest fix falls within <see cref="ArrivingWithinMinutes"/> raises TechnicianArriving, once.</summary>
    private async Task AnnounceArrivalsAsync(long technicianId, GeoPoint at, CancellationToken ct)
    {
        await writes.RunAsync(AccessScope.System with { Actor = Tracking }, async (db, token) =>
        {
            var trips = await db.Tickets.Where(t => t.AssigneeId == technicianId && t.Status == TicketStatus.EnRoute && t.ArrivalAnnouncedAt == null)
                .ToListAsync(token);
            foreach (var trip in trips)
            {
                var eta = new TravelModel(options.Value.SpeedIn(trip.City)).EtaMinutes(at.DistanceKmTo(new GeoPoint(trip.Lat, trip.Lng)));
                if (eta <= ArrivingWithinMinutes) trip.AnnounceArrival(eta, Tracking, clock.GetUtcNow());
            }
            return 0;
        }, ct);
    }

    /// <summary>A technician reports for themself; the office roles (and a fleet-tracking integration's key) for anyone they see.</summary>
    public static bool MayReport(AccessScope scope, long technicianId) =>
        scope.TechnicianId is { } own ? own == technicianId : scope.IsInAny(AppRoles.Admin, AppRoles.Dispatcher, AppRoles.Manager);

    private static (List<PositionPing> Kept, List<RejectedPing> Rejected) Judge(IReadOnlyList<PositionPing> pings,
        DateTimeOffset now, DateTimeOffset oldest)
    {
        var kept = new List<PositionPing>(pings.Count);
        var rejected = new List<RejectedPing>();
        DateTimeOffset? previous = null;
        for (var i = 0; i < pings.Count; i++)
        {
            var ping = pings[i];
            var refusal = ping switch
            {
                { Lat: null } or { Lng: null } => ("Positions.MissingCoordinates", "lat and lng are required."),
                { Lat: var lat } when double.IsNaN(lat!.Value) || lat is < -90 or > 90 => ("Positions.LatOutOfRange", "lat must be between -90 and 90."),
                { Lng: var lng } when double.IsNaN(lng!.Value) || lng is < -180 or > 180 => ("Positions.LngOutOfRange", "lng must be between -180 and 180."),
                { At: null } => ("Positions.MissingTime", "at (the time of the fix) is required."),
                { At: var at } when at > now + ClockSkew => ("Positions.InFuture", "at is in the future; check the phone's clock."),
                { At: var at } when at < oldest => ("Positions.TooOld", "at is older than positions are kept."),
                { Accuracy: < 0 } => ("Positions.AccuracyInvalid", "accuracy cannot be negative."),
                { At: var at } when previous is { } before && at <= before => ("Positions.OutOfOrder", "Pings must be in time order; this one is not after the one before it."),
                _ => default((string, string)?),
            };
            if (refusal is var (code, message))
            {
                rejected.Add(new RejectedPing(i, code, message));
                continue;
            }
            kept.Add(ping);
            previous = ping.At;
        }
        return (kept, rejected);
    }
}
