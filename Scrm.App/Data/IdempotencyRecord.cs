namespace Scrm.App.Data;

/// <summary>Remembers what an Idempotency-Key already created, so a replay returns it instead of creating again.</summary>
public sealed class IdempotencyRecord
{
    public const int KeyMaxLength = 100;

    public long Id { get; set; }
    public string Caller { get; set; } = "";
    public string Key { get; set; } = "";
    public long TicketId { get; set; }

    /// <summary>SHA-256 of the request the key first came with: a key reused for another request is refused.</summary>
    public string RequestHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
