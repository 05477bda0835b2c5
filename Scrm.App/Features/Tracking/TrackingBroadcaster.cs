using Microsoft.AspNetCore.SignalR;
using Scrm.App.Events;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Tracking;

/// <summary>
/// Tells the viewers of a ticket's progress page that it changed. Non-durable (a live feed): a viewer who missed a
/// message while the server restarted reads the page afresh when their script reconnects.
/// </summary>
public sealed class TrackingBroadcaster(IHubContext<TrackingHub, ITrackingClient> hub) : IEventHandler<TicketDomainEvent>
{
    public Task HandleAsync(TicketDomainEvent e, EventDelivery delivery, CancellationToken ct) =>
        hub.Clients.Group(TrackingHub.GroupOf(e.AggregateId)).Changed(new TrackingChange(e.Status.ToString(), e.AggregateVersion));
}
