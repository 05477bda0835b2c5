using Microsoft.AspNetCore.SignalR;
using Scrm.App.Events;
using Scrm.Domain.Pricing;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Tracking;

/// <summary>
/// Tells the viewers of a ticket's progress page that it changed. Non-durable (a live feed): a viewer who missed a
/// message while the server restarted reads the page afresh when their script reconnects.
/// </summary>
public sealed class TrackingBroadcaster(IHubContext<TrackingHub, ITrackingClient> hub) :
    IEventHandler<TicketDomainEvent>, IEventHandler<QuoteUpdated>
{
    /// <summary>A quote line added, removed or accepted: the page shows the quote, so its viewers read it again.</summary>
    public Task HandleAsync(QuoteUpdated e, EventDelivery delivery, CancellationToken ct) =>
        hub.Clients.Group(TrackingHub.GroupOf(e.TicketId)).Changed(new TrackingChange("Quote", e.AggregateVersion));

    public Task HandleAsync(TicketDomainEvent e, EventDelivery delivery, CancellationToken ct) =>
        hub.Clients.Group(TrackingHub.GroupOf(e.AggregateId)).Changed(new TrackingChange(e.Status.ToString(), e.AggregateVersion));
}
