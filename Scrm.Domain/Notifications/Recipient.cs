namespace Scrm.Domain.Notifications;

/// <summary>One "to" line of a rule: a kind, and for <see cref="RecipientKind.Role"/> and <see cref="RecipientKind.User"/> whom.</summary>
public sealed record RecipientRule(RecipientKind Kind, string? Value = null)
{
    public bool NeedsValue => Kind is RecipientKind.Role or RecipientKind.User;

    public override string ToString() => Value is null ? Kind.ToString() : $"{Kind}:{Value}";
}

/// <summary>
/// A person resolved from a rule for one event: the key that identifies them across channels (a user id, "customer:7"),
/// their name and their address per channel (null: not reachable there).
/// </summary>
public sealed record Recipient(RecipientKind Kind, string Key, string Name, string Language,
    IReadOnlyDictionary<NotificationChannel, string> Addresses, string? UserId = null)
{
    public string? AddressFor(NotificationChannel channel) => Addresses.TryGetValue(channel, out var a) && a.Length > 0 ? a : null;
}
