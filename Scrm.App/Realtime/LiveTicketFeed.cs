using Scrm.App.Events;
using Scrm.Domain.Tickets;

namespace Scrm.App.Realtime;

/// <summary>Hands every committed ticket event to the open screens. Not durable: a screen opened later reads the present.</summary>
public sealed class LiveTicketFeed(ChangeNotifier notifier, TimeProvider clock) : IEventHandler<TicketDomainEvent>
{
    public Task HandleAsync(TicketDomainEvent e, EventDelivery delivery, CancellationToken ct)
    {
        notifier.Publish(new TicketChanged(e.AggregateId, e.Number, e.Region, e.AssigneeId, e.Status, e.AggregateVersion, clock.GetUtcNow()));
        return Task.CompletedTask;
    }
}
