using Microsoft.AspNetCore.SignalR;

namespace Scrm.App.Features.Tracking;

/// <summary>What the progress page's script is told: something changed (re-read the page), or where the technician is now.</summary>
public interface ITrackingClient
{
    Task Changed(TrackingChange change);

    Task Position(TrackingPosition position);
}

public sealed record TrackingChange(string Status, long Version);

public sealed record TrackingPosition(double Lat, double Lng, DateTimeOffset At, int EtaMinutes);

/// <summary>
/// The live side of the progress page, for anonymous viewers: a viewer follows a token, never a ticket id, and the
/// server maps it to the ticket's group. A bad token is refused with the same answer whatever was wrong with it.
/// </summary>
public sealed class TrackingHub(ProgressQueries queries) : Hub<ITrackingClient>
{
    public static string GroupOf(long ticketId) => $"ticket-{ticketId}";

    public async Task<bool> Follow(string token)
    {
        if (await queries.TicketOfAsync(token, Context.ConnectionAborted) is not { } ticketId) return false;
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(ticketId), Context.ConnectionAborted);
        return true;
    }
}
