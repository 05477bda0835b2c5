using System.Net.Http.Json;
using Scrm.Domain.Notifications;

namespace Scrm.App.Features.Notifications.Channels;

/// <summary>Where a generic HTTP gateway (SMS, voice) listens: <c>Channels:Sms:Url/ApiKey</c>, <c>Channels:Voice:Url/ApiKey</c>.</summary>
public sealed class GatewayOptions
{
    public string? Url { get; set; }
    public string? ApiKey { get; set; }
    public int TimeoutSeconds { get; set; } = 10;
}

/// <summary>
/// Posts a message as JSON to an SMS or voice gateway, with the delivery's <c>Idempotency-Key</c> header: a message
/// sent again after a crash between the gateway's answer and our mark-sent is recognised by the gateway, not sent twice.
/// </summary>
public abstract class HttpGatewayChannel(HttpClient http, GatewayOptions options) : INotificationChannel
{
    public abstract NotificationChannel Channel { get; }

    public async Task SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Url)
        {
            Content = JsonContent.Create(new GatewayMessage(message.Address, message.Subject, message.Body, message.TicketNumber, message.IdempotencyKey)),
        };
        request.Headers.Add("Idempotency-Key", message.IdempotencyKey);
        if (!string.IsNullOrEmpty(options.ApiKey)) request.Headers.Add("X-Api-Key", options.ApiKey);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            throw new GatewayRejectedException($"{Channel} gateway answered {(int)response.StatusCode}: {(text.Length > 200 ? text[..200] : text)}");
        }
    }

    private sealed record GatewayMessage(string To, string Subject, string Text, string? Ticket, string MessageId);
}

public sealed class SmsGatewayChannel(HttpClient http, GatewayOptions options) : HttpGatewayChannel(http, options)
{
    public override NotificationChannel Channel => NotificationChannel.Sms;
}

public sealed class VoiceGatewayChannel(HttpClient http, GatewayOptions options) : HttpGatewayChannel(http, options)
{
    public override NotificationChannel Channel => NotificationChannel.Voice;
}

public sealed class GatewayRejectedException(string message) : Exception(message);
