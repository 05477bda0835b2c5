using Scrm.Domain.Notifications;

namespace Scrm.App.Features.Notifications.Channels;

/// <summary>One message as a channel sends it. <see cref="DeliveryId"/> is the idempotency key the gateway may dedupe on.</summary>
public sealed record OutgoingMessage(long DeliveryId, string Address, string RecipientName, string Subject, string Body, string? TicketNumber)
{
    public string IdempotencyKey => $"scrm-notification-{DeliveryId}";
}

/// <summary>
/// Sends messages of one <see cref="NotificationChannel"/>; throws when the message was not accepted (the worker
/// retries). Only configured channels are registered: rows of a channel without a sender wait, pending.
/// </summary>
public interface INotificationChannel
{
    NotificationChannel Channel { get; }

    Task SendAsync(OutgoingMessage message, CancellationToken ct);
}
