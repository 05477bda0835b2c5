using Microsoft.Extensions.Localization;
using Scrm.App.Resources;
using Scrm.Domain.Dispatch;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Dispatch.Map;

/// <summary>A technician as the map draws them; <see cref="Rank"/> is set for a candidate of the selected ticket.</summary>
public sealed record MapTechnician(long Id, string Name, string StatusText, string Colour, double Lat, double Lng, int OpenJobs, int? Rank);

/// <summary>An open ticket as the map draws it.</summary>
public sealed record MapTicket(long Id, string Number, string Title, string Customer, string PriorityText, string Colour,
    double Lat, double Lng, string? Assignee, bool Selected);

public sealed record MapCircle(double Lat, double Lng, double RadiusKm);

/// <summary>Everything the browser draws, apart from live moves and the trail. <see cref="Fit"/>: centre on what is shown.</summary>
public sealed record MapScene(IReadOnlyList<MapTechnician> Technicians, IReadOnlyList<MapTicket> Tickets, MapCircle? Circle, bool Fit);

/// <summary>One technician's newest position, as sent to the browser (At: Unix milliseconds of the fix).</summary>
public sealed record MarkerMove(long Id, double Lat, double Lng, long At);

/// <summary>The captions of the popups, in the UI language.</summary>
public sealed record MapTexts(string Status, string OpenJobs, string Customer, string Priority, string Assignee, string Rank);

/// <summary>How the browser sets the map up: an XYZ tile layer over the offline outlines when configured, and the captions.</summary>
public sealed record MapOptions(string? TileUrl, string? TileAttribution, MapTexts Texts);

/// <summary>What the dispatcher sees on the map, from the control room's snapshot, the selection and the live positions.</summary>
public static class MapScenes
{
    public static MapScene Build(ControlRoomSnapshot? snapshot, long? selectedTicketId, IReadOnlyList<long> candidates, double? withinKm,
        IReadOnlyDictionary<long, PositionUpdate> live, IStringLocalizer<SharedResource> text, bool fit)
    {
        if (snapshot is null) return new MapScene([], [], null, fit);
        var selected = snapshot.Tickets.FirstOrDefault(t => t.Id == selectedTicketId);
        var circle = selected is not null && withinKm is > 0 ? new MapCircle(selected.Lat, selected.Lng, withinKm.Value) : null;
        var technicians = new List<MapTechnician>(snapshot.Technicians.Count);
        foreach (var t in snapshot.Technicians)
        {
            var (lat, lng) = PositionOf(t, live);
            var rank = candidates.IndexOf(t.Id) is var i and >= 0 ? i + 1 : (int?)null;
            // Ranked candidates stay on the map even outside the circle: they are what the dispatcher is choosing from.
            if (circle is not null && rank is null && !IsInside(circle, lat, lng)) continue;
            technicians.Add(new MapTechnician(t.Id, t.Name, text["TechStatus." + t.Status], StatusColour(t.Status), lat, lng, t.OpenJobs, rank));
        }
        var tickets = snapshot.Tickets.Select(t => new MapTicket(t.Id, t.Number, t.Title, t.CustomerName, text["Priority." + t.Priority],
            PinColour(t), t.Lat, t.Lng, t.AssigneeName, t.Id == selected?.Id)).ToList();
        return new MapScene(technicians, tickets, circle, fit);
    }

    /// <summary>Whether a technician at (lat, lng) is inside the circle (great-circle distance).</summary>
    public static bool IsInside(MapCircle circle, double lat, double lng) =>
        new GeoPoint(circle.Lat, circle.Lng).DistanceKmTo(new GeoPoint(lat, lng)) <= circle.RadiusKm;

    /// <summary>The newer of the snapshot's position and the last one the live feed brought.</summary>
    public static (double Lat, double Lng) PositionOf(TechnicianMarker technician, IReadOnlyDictionary<long, PositionUpdate> live) =>
        live.TryGetValue(technician.Id, out var moved) && (technician.PositionAt is null || moved.At > technician.PositionAt)
            ? (moved.Lat, moved.Lng)
            : (technician.Lat, technician.Lng);

    public static string StatusColour(TechnicianStatus status) => status switch
    {
        TechnicianStatus.Available => "#2e7d32",
        TechnicianStatus.Busy => "#ef6c00",
        TechnicianStatus.OnLeave => "#7b1fa2",
        _ => "#757575",
    };

    /// <summary>
    /// The colour of a ticket's pin: its SLA state where it has clocks (breached red, from 75 % amber, else green),
    /// its priority where it has none.
    /// </summary>
    public static string PinColour(TicketPin ticket) => ticket.Sla is { } sla ? SlaColour(sla) : PriorityColour(ticket.Priority);

    public static string SlaColour(Sla.SlaSummary sla) =>
        sla.State == Scrm.Domain.Sla.SlaClockState.Breached ? SlaBreached : sla.IsWarning ? SlaAtRisk : SlaOnTime;

    private const string SlaBreached = "#b71c1c";
    private const string SlaAtRisk = "#f9a825";
    private const string SlaOnTime = "#2e7d32";

    /// <summary>The pin colours' key for the legend (resource key, colour); changes with <see cref="PinColour"/>.</summary>
    public static IReadOnlyList<(string TextKey, string Colour)> PinLegend { get; } =
    [
        ("Sla.State.Breached", SlaBreached), ("Sla.AtRisk", SlaAtRisk), ("Sla.OnTime", SlaOnTime),
        .. Enum.GetValues<TicketPriority>().Reverse().Select(p => ("Priority." + p, PriorityColour(p))),
    ];

    private static string PriorityColour(TicketPriority priority) => priority switch
    {
        TicketPriority.Urgent => "#c62828",
        TicketPriority.High => "#f57c00",
        TicketPriority.Normal => "#1565c0",
        _ => "#78909c",
    };

    private static int IndexOf(this IReadOnlyList<long> ids, long id)
    {
        for (var i = 0; i < ids.Count; i++)
            if (ids[i] == id) return i;
        return -1;
    }
}
