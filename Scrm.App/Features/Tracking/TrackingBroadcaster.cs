using Microsoft.AspNetCore.SignalR;
using Scrm.App.Events;
using Scrm.Domain.Pricing;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Tracking;

/// <summary>
/// Sends the viewers of a ticket's progress page its new state: the page's changing part, read and rendered once per
/// language, in the hub message itself (the page swaps it in), so that a change costs one read, not one per viewer.
/// Non-durable (a live feed): a viewer who missed a message while the server restarted reads the page afresh when their
/// script reconnects. Tickets nobody is watching cost nothing.
/// </summary>
public sealed class TrackingBroadcaster(IHubContext<TrackingHub, ITrackingClient> hub, TrackingAudience audience,
    ProgressQueries queries, ProgressRenderer renderer) : IEventHandler<TicketDomainEvent>, IEventHandler<QuoteUpdated>
{
    /// <summary>A quote line added, removed or accepted: the page shows the quote.</summary>
    public Task HandleAsync(QuoteUpdated e, EventDelivery delivery, CancellationToken ct) => BroadcastAsync(e.TicketId, ct);

    public Task HandleAsync(TicketDomainEvent e, EventDelivery delivery, CancellationToken ct) => BroadcastAsync(e.AggregateId, ct);

    private async Task BroadcastAsync(long ticketId, CancellationToken ct)
    {
        if (!audience.IsWatched(ticketId)) return;
        // The page as it is now (not as of the event): a burst of events then sends the newest state each time.
        if (await queries.FindByTicketAsync(ticketId, ct) is not { } view) return;
        foreach (var culture in Platform.Cultures)
        {
            var html = await renderer.RenderAsync(view, culture);
            await hub.Clients.Group(TrackingHub.GroupOf(ticketId, culture)).Changed(new TrackingChange(view.Status.ToString(), view.Version, html));
        }
    }
}
