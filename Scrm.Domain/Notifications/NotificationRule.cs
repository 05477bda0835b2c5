namespace Scrm.Domain.Notifications;

/// <summary>
/// Event → recipients → channels → template. <see cref="Action"/> narrows an escalation rule to one ladder action
/// (VoiceCall); <see cref="Urgent"/> messages ignore quiet hours; <see cref="QuietHours"/> off sends at any hour.
/// </summary>
public sealed record NotificationRule
{
    public const int KeyMaxLength = 50;
    public const int NameMaxLength = 100;

    public string Key { get; init; } = "";
    public string Name { get; init; } = "";
    public NotificationEvent Event { get; init; }
    public string? Action { get; init; }
    public IReadOnlyList<RecipientRule> Recipients { get; init; } = [];
    public IReadOnlyList<NotificationChannel> Channels { get; init; } = [];
    public NotificationTemplate Template { get; init; } = new("", "", "", "");
    public bool Urgent { get; init; }
    public bool QuietHours { get; init; } = true;
    public bool Enabled { get; init; } = true;

    public bool Matches(NotificationTrigger trigger) =>
        Enabled && trigger.Event == Event && (string.IsNullOrEmpty(Action) || string.Equals(Action, trigger.Action, StringComparison.Ordinal));

    /// <summary>
    /// The channels this rule uses for <paramref name="recipient"/>. A customer gets one message per event, on the
    /// channel they prefer when the rule offers it, else the first the rule offers that they accept; staff get every
    /// channel of the rule on which they have an address.
    /// </summary>
    public IReadOnlyList<NotificationChannel> ChannelsFor(Recipient recipient, ChannelPreference? preference)
    {
        var reachable = Channels.Where(c => recipient.AddressFor(c) is not null).ToList();
        if (recipient.Kind != RecipientKind.Customer) return reachable;
        var accepted = reachable.Where(c => preference?.Accepts(c) ?? c == NotificationChannel.Sms).ToList();
        if (preference?.Preferred is { } preferred && accepted.Contains(preferred)) return [preferred];
        return accepted.Take(1).ToList();
    }

    /// <summary>Why the rule cannot be saved; empty when it can.</summary>
    public IReadOnlyList<RuleProblem> Validate()
    {
        var problems = new List<RuleProblem>();
        if (string.IsNullOrWhiteSpace(Key)) problems.Add(new("key", RuleProblemCodes.MissingKey));
        else if (Key.Length > KeyMaxLength || !Key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            problems.Add(new("key", RuleProblemCodes.BadKey));
        if (string.IsNullOrWhiteSpace(Name)) problems.Add(new("name", RuleProblemCodes.MissingName));
        else if (Name.Length > NameMaxLength) problems.Add(new("name", RuleProblemCodes.TooLong));
        if (Recipients.Count == 0) problems.Add(new("recipients", RuleProblemCodes.NoRecipients));
        if (Recipients.Any(r => r.NeedsValue && string.IsNullOrWhiteSpace(r.Value)))
            problems.Add(new("recipients", RuleProblemCodes.RecipientNeedsValue));
        if (Channels.Count == 0) problems.Add(new("channels", RuleProblemCodes.NoChannels));
        if (Recipients.Any(r => r.Kind == RecipientKind.Customer) && Channels.All(c => c == NotificationChannel.InApp))
            problems.Add(new("channels", RuleProblemCodes.CustomerHasNoInbox));
        if (string.IsNullOrWhiteSpace(Template.BodyZh)) problems.Add(new("bodyZh", RuleProblemCodes.MissingBody));
        if (string.IsNullOrWhiteSpace(Template.BodyEn)) problems.Add(new("bodyEn", RuleProblemCodes.MissingBody));
        if (new[] { Template.SubjectZh, Template.SubjectEn }.Any(s => (s ?? "").Length > NotificationTemplate.SubjectMaxLength)
            || new[] { Template.BodyZh, Template.BodyEn }.Any(s => (s ?? "").Length > NotificationTemplate.BodyMaxLength))
            problems.Add(new("template", RuleProblemCodes.TooLong));
        foreach (var unknown in Template.UnknownPlaceholders()) problems.Add(new("template", RuleProblemCodes.UnknownPlaceholder, unknown));
        if (!string.IsNullOrEmpty(Action) && Event != NotificationEvent.Escalation) problems.Add(new("action", RuleProblemCodes.ActionOnlyForEscalation));
        return problems;
    }
}

/// <summary>A customer's choice: which channels they accept and which they prefer (null: the rule's first).</summary>
public sealed record ChannelPreference(bool Sms, bool Email, bool WeCom, bool Voice, NotificationChannel? Preferred)
{
    public static readonly ChannelPreference Default = new(true, true, true, false, null);

    public bool Accepts(NotificationChannel channel) => channel switch
    {
        NotificationChannel.Sms => Sms,
        NotificationChannel.Email => Email,
        NotificationChannel.WeCom => WeCom,
        NotificationChannel.Voice => Voice,
        _ => false,
    };
}

/// <summary>Why a rule is invalid: the field it concerns and a stable code the UI localises (Error.&lt;code&gt;).</summary>
public sealed record RuleProblem(string Field, string Code, string? Detail = null);

public static class RuleProblemCodes
{
    public const string MissingKey = "Notify.MissingKey";
    public const string BadKey = "Notify.BadKey";
    public const string MissingName = "Notify.MissingName";
    public const string TooLong = "Notify.TooLong";
    public const string NoRecipients = "Notify.NoRecipients";
    public const string RecipientNeedsValue = "Notify.RecipientNeedsValue";
    public const string NoChannels = "Notify.NoChannels";
    /// <summary>Customers have no in-app inbox: a rule for them needs a channel that reaches outside.</summary>
    public const string CustomerHasNoInbox = "Notify.CustomerHasNoInbox";
    public const string MissingBody = "Notify.MissingBody";
    public const string UnknownPlaceholder = "Notify.UnknownPlaceholder";
    public const string ActionOnlyForEscalation = "Notify.ActionOnlyForEscalation";

    public static readonly IReadOnlyList<string> All =
        [MissingKey, BadKey, MissingName, TooLong, NoRecipients, RecipientNeedsValue, NoChannels, CustomerHasNoInbox, MissingBody, UnknownPlaceholder, ActionOnlyForEscalation];
}
