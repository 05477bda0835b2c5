namespace Scrm.App.Features.Channels;

/// <summary>Where an inbound message stands: stored on receipt, then handled once by the inbox worker.</summary>
public enum InboundStatus
{
    Received,
    Processed,
    Ignored,
    Failed,
}

/// <summary>
/// A message a channel delivered (a WeCom chat message, a webhook call), stored as received before it is answered, so
/// that it is acknowledged at once and handled later. Unique by <see cref="DedupKey"/>: a retry finds the first copy.
/// </summary>
public sealed class InboundMessage
{
    public const int ChannelMaxLength = 20;
    public const int DedupKeyMaxLength = 200;
    public const int SenderMaxLength = 100;
    public const int KindMaxLength = 30;
    public const int OutcomeMaxLength = 500;
    public const int MaxAttempts = 5;

    public long Id { get; set; }

    /// <summary>"wecom", or "webhook:{source}".</summary>
    public string Channel { get; set; } = "";
    public string DedupKey { get; set; } = "";
    public string Sender { get; set; } = "";

    /// <summary>The channel's message type: text, event, json.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The message as decrypted (WeCom XML) or as posted (webhook JSON).</summary>
    public string Body { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }
    public InboundStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
    public long? TicketId { get; set; }
    public string? TicketNumber { get; set; }

    /// <summary>What handling did, in a few words: the command, an unknown sender, the last error.</summary>
    public string? Outcome { get; set; }
}

/// <summary>A WeCom member (UserId) known as a customer's contact: their "报修" messages open tickets for that customer.</summary>
public sealed class WeComUserLink : Scrm.Domain.Common.IAuditable
{
    public const int UserIdMaxLength = 64;

    public long Id { get; set; }
    public string WeComUserId { get; set; } = "";
    public long CustomerId { get; set; }

    /// <summary>Who the member is at the customer, for the admin's list.</summary>
    public string ContactName { get; set; } = "";
}
