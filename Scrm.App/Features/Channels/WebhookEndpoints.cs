using System.Text;
using System.Text.Json;
using Scrm.App.Data;
using Scrm.App.Features.Shared;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Channels;
using Scrm.Domain.Common;
using static Scrm.App.Features.Channels.ChannelProblems;

namespace Scrm.App.Features.Channels;

/// <summary>What a webhook call answers: the ticket it opened, and whether this call was a repeat of an earlier one.</summary>
public sealed record WebhookResult(long TicketId, string TicketNumber, bool Duplicate);

/// <summary>
/// A generic inbound webhook per configured source: the raw body signed with HMAC-SHA256 and the source's shared secret
/// (<see cref="SignatureHeader"/>), a Unix timestamp within the tolerance, and a message id that makes it idempotent —
/// a repeat gets the first call's ticket, never a second one. The JSON body is a ticket as the API takes it.
/// </summary>
internal static class WebhookEndpoints
{
    public const string SignatureHeader = "X-Scrm-Signature";
    public const string TimestampHeader = "X-Scrm-Timestamp";
    public const string MessageIdHeader = "X-Scrm-Message-Id";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<IResult> ReceiveAsync(string source, HttpContext http, IConfiguration configuration,
        ChannelInbox inbox, TicketService tickets, TimeProvider clock, ILoggerFactory logs, CancellationToken ct)
    {
        var log = logs.CreateLogger(typeof(WebhookEndpoints));
        // Read per call, not cached per name: the name comes from the URL, and unknown names must not pile up.
        var o = (IsSourceName(source) ? configuration.GetSection($"{WebhookSource.Section}:{source}").Get<WebhookSource>() : null) ?? new WebhookSource();
        var body = await ReadBodyAsync(http.Request, o.MaxBodyBytes, ct);
        if (body is null)
        {
            log.LogWarning("Webhook {Source} refused: body over {Limit} bytes", source, o.MaxBodyBytes);
            return TooLarge(o.MaxBodyBytes);
        }
        var headers = http.Request.Headers;
        // An unknown source and a wrong signature look the same from outside.
        if (!WebhookSignature.Verify(o.Secret, body, headers[SignatureHeader]))
        {
            log.LogWarning("Webhook {Source} refused: bad signature", source);
            return Problem(StatusCodes.Status401Unauthorized, "The signature does not match.", "Webhook.BadSignature");
        }
        if (!IsFresh(headers[TimestampHeader], clock.GetUtcNow(), o.TimestampToleranceSeconds))
        {
            log.LogWarning("Webhook {Source} refused: timestamp {Timestamp} outside the window", source, headers[TimestampHeader].ToString());
            return Problem(StatusCodes.Status401Unauthorized, "The timestamp is missing, too old or too far ahead.", "Webhook.Stale");
        }
        var messageId = headers[MessageIdHeader].ToString().Trim();
        if (messageId.Length is 0 or > 100)
            return Problem(StatusCodes.Status400BadRequest, $"{MessageIdHeader} is required (at most 100 characters).", "Webhook.MessageIdRequired");

        var channel = ChannelInbox.Clip("webhook:" + source.ToLowerInvariant(), InboundMessage.ChannelMaxLength);
        if (await inbox.FindAsync(channel, messageId, ct) is { TicketId: { } knownId, TicketNumber: { } knownNumber })
        {
            log.LogInformation("Webhook {Source} message {MessageId} repeated; answering with ticket {Number}", source, messageId, knownNumber);
            return TypedResults.Ok(new WebhookResult(knownId, knownNumber, Duplicate: true));
        }
        NewTicketRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<NewTicketRequest>(body, Json);
        }
        catch (JsonException e)
        {
            log.LogWarning("Webhook {Source} refused: {Reason}", source, e.Message);
            return Problem(StatusCodes.Status400BadRequest, "The body is not valid JSON for a ticket.", "Webhook.BadJson");
        }
        if (request is null) return Problem(StatusCodes.Status400BadRequest, "The body must be a JSON object.", "Webhook.BadJson");
        request.Type ??= "Repair";
        var scope = new AccessScope(new Actor(channel, "Webhook " + source), new HashSet<string> { AppRoles.Agent }, AllRegions: true, [], null);
        try
        {
            // The key makes the ticket once even when two copies race past the inbox check.
            var created = await tickets.CreateAsync(scope, request, "webhook:" + messageId, ct);
            var row = created.Ticket.Row;
            var recorded = await inbox.RecordAsync(channel, messageId, source, "json", Encoding.UTF8.GetString(body), ct);
            if (recorded.IsNew) await inbox.FinishAsync(recorded.Message.Id, InboundStatus.Processed, "Ticket", row.Id, row.Number, ct);
            return TypedResults.Ok(new WebhookResult(row.Id, row.Number, Duplicate: !created.Created));
        }
        catch (InputRejectedException e)
        {
            return TypedResults.ValidationProblem(
                e.Errors.GroupBy(f => f.Field).ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray()),
                extensions: new Dictionary<string, object?> { ["codes"] = e.Errors.GroupBy(f => f.Field).ToDictionary(g => g.Key, g => g.Select(f => f.Code).ToArray()) });
        }
    }

    private static bool IsSourceName(string source) =>
        source.Length is > 0 and <= 12 && source.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
