using Scrm.App.Features.Notifications.Channels;
using Scrm.Domain.Notifications;

namespace Scrm.App.Features.Channels;

/// <summary>
/// Notifications' WeCom channel: an application message to the recipient's WeCom member id, through the one
/// <see cref="WeComMessenger"/> the inbox replies use, so both share the access token and the 30-a-minute window.
/// </summary>
public sealed class WeComNotificationChannel(WeComMessenger messenger) : INotificationChannel
{
    public NotificationChannel Channel => NotificationChannel.WeCom;

    public Task SendAsync(OutgoingMessage message, CancellationToken ct) =>
        messenger.SendTextAsync(message.Address, string.IsNullOrWhiteSpace(message.Subject) ? message.Body : $"{message.Subject}\n{message.Body}", ct);
}
