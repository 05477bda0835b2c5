namespace Scrm.Domain.Notifications;

/// <summary>
/// The one key of a message: the event, the rule, the recipient and the channel. Stored unique, so an event delivered
/// twice, or a rule matched twice, can never queue the same message twice.
/// </summary>
public static class DedupKey
{
    public const int MaxLength = 200;

    public static string For(Guid eventId, string ruleKey, string recipientKey, NotificationChannel channel, int round = 0)
    {
        var key = $"{eventId:N}|{ruleKey}|{recipientKey}|{channel}";
        return round == 0 ? key : $"{key}|{round}";
    }
}
