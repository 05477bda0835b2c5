using Microsoft.AspNetCore.SignalR;

namespace Scrm.App.Features.Tracking;

/// <summary>What the progress page's script is told: the page changed (with its new body), or where the technician is now.</summary>
public interface ITrackingClient
{
    Task Changed(TrackingChange change);

    Task Position(TrackingPosition position);
}

/// <summary>
/// A change of a ticket's page: its status and version, and the page's changing part as HTML in the viewers' language,
/// rendered once for all of them, so that no viewer has to read the page again.
/// </summary>
public sealed record TrackingChange(string Status, long Version, string? Html = null);

public sealed record TrackingPosition(double Lat, double Lng, DateTimeOffset At, int EtaMinutes);

/// <summary>
/// The live side of the progress page, for anonymous viewers: a viewer follows a token, never a ticket id, and the
/// server maps it to the ticket's group for the viewer's language. A bad token is refused with the same answer whatever
/// was wrong with it. The only state a connection keeps is the ticket it follows (for <see cref="TrackingAudience"/>).
/// </summary>
public sealed class TrackingHub(ProgressQueries queries, TrackingAudience audience) : Hub<ITrackingClient>
{
    private const string Following = "t";

    public static string GroupOf(long ticketId, string culture) => $"ticket-{ticketId}-{culture}";

    /// <summary>Every group of a ticket, one per language, for what is the same for all viewers (positions).</summary>
    public static IReadOnlyList<string> GroupsOf(long ticketId) => [.. Platform.Cultures.Select(c => GroupOf(ticketId, c))];

    /// <summary>Follows in the default language (zh-CN).</summary>
    public Task<bool> Follow(string token) => FollowIn(token, Platform.DefaultCulture);

    /// <summary>Follows in the page's language; an unknown language gets the default one.</summary>
    public async Task<bool> FollowIn(string token, string culture)
    {
        if (await queries.TicketOfAsync(token, Context.ConnectionAborted) is not { } ticketId) return false;
        if (!Platform.Cultures.Contains(culture)) culture = Platform.DefaultCulture;
        if (Context.Items.ContainsKey(Following)) return true; // one ticket per connection; a second call changes nothing
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(ticketId, culture), Context.ConnectionAborted);
        Context.Items[Following] = ticketId;
        audience.Join(ticketId);
        return true;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue(Following, out var ticketId)) audience.Leave((long)ticketId!);
        return Task.CompletedTask;
    }
}
