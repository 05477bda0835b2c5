using Scrm.Domain.Common;
using Scrm.Domain.Tickets;

namespace Scrm.Domain.Flows;

/// <summary>
/// A flow (流程) such as "repair-standard" with its numbered versions. A ticket gets the published flow of its type;
/// a flow of the ticket's <see cref="Region"/> wins over the head-office one (Region null). At most one draft at a
/// time; publishing it retires the version before.
/// </summary>
public sealed class FlowTemplate : IAuditable
{
    public const int KeyMaxLength = 50;
    public const int NameMaxLength = 100;

    private readonly List<FlowVersion> _versions = [];

    private FlowTemplate() { }

    public long Id { get; private set; }

    /// <summary>Lower-case words joined by hyphens, unique among all flows.</summary>
    public string Key { get; private set; } = "";

    public string Name { get; private set; } = "";
    public string? NameEn { get; private set; }
    public TicketType TicketType { get; private set; }

    /// <summary>The region this flow is for; null for a head-office flow.</summary>
    public string? Region { get; private set; }

    /// <summary>Bumped by every change, so that two designers saving the same flow cannot overwrite each other.</summary>
    public long Version { get; private set; }

    public IReadOnlyList<FlowVersion> Versions => _versions.AsReadOnly();

    /// <summary>The version new tickets get, if any has been published.</summary>
    public FlowVersion? Published => _versions.LastOrDefault(v => v.Status == FlowVersionStatus.Published);

    public FlowVersion? Draft => _versions.LastOrDefault(v => v.Status == FlowVersionStatus.Draft);

    public static FlowTemplate Create(string key, string name, string? nameEn, TicketType ticketType, string? region)
    {
        var en = Guard.Text(nameEn, "nameEn", NameMaxLength, required: false);
        return new FlowTemplate
        {
            Key = FlowKey(key),
            Name = Guard.Text(name, "name", NameMaxLength),
            NameEn = en.Length == 0 ? null : en,
            TicketType = Guard.Defined(ticketType, "ticketType"),
            Region = region is null ? null : Guard.Text(region, "region", Geo.Regions.NameMaxLength),
        };
    }

    /// <summary>
    /// Saves the designer's graph as the draft, starting a new draft numbered after the latest version when there is
    /// none. A draft may be incomplete; publishing checks it. The definition carries the flow's own key and name.
    /// </summary>
    public FlowVersion SaveDraft(FlowDefinition definition, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var draft = Draft;
        if (draft is null)
        {
            draft = new FlowVersion(_versions.Count == 0 ? 1 : _versions.Max(v => v.Number) + 1, actor, now);
            _versions.Add(draft);
        }
        draft.Replace(definition with { Key = Key, Name = Name }, actor, now);
        Version++;
        return draft;
    }

    /// <summary>
    /// Publishes the draft under its number and retires the version it replaces. Refused while the validator reports
    /// <paramref name="problems"/> with the draft, naming the first.
    /// </summary>
    public FlowVersion Publish(Actor actor, DateTimeOffset now, IReadOnlyList<FlowProblem> problems)
    {
        var draft = Draft ?? throw new DomainRuleException("Flow.NoDraft", $"Flow '{Key}' has no draft to publish.", Key);
        if (problems.Count > 0)
            throw new DomainRuleException("Flow.CannotPublish",
                $"Flow '{Key}' has {problems.Count} problem(s) and cannot be published; the first: {problems[0].Message}",
                Key, problems.Count, problems[0].Message);
        Published?.MarkRetired(now);
        draft.MarkPublished(actor, now);
        Version++;
        return draft;
    }

    /// <summary>Drops the unpublished draft, back to the published version.</summary>
    public void DiscardDraft()
    {
        var draft = Draft ?? throw new DomainRuleException("Flow.NoDraftToDiscard", $"Flow '{Key}' has no draft to discard.", Key);
        _versions.Remove(draft);
        Version++;
    }

    /// <summary>The exact version a ticket runs on.</summary>
    public FlowVersion VersionNumbered(int number) =>
        _versions.FirstOrDefault(v => v.Number == number)
        ?? throw new DomainRuleException("Flow.NoSuchVersion", $"Flow '{Key}' has no version {number}.", Key, number);

    private static string FlowKey(string? key)
    {
        var trimmed = Guard.Text(key, "key", KeyMaxLength);
        var valid = char.IsAsciiLetterLower(trimmed[0]) && trimmed[^1] != '-' && !trimmed.Contains("--", StringComparison.Ordinal)
            && trimmed.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '-');
        if (!valid)
            throw new DomainRuleException("Flow.BadKey",
                $"'{trimmed}' is not a flow key: lower-case words and digits joined by hyphens, like repair-standard.", trimmed);
        return trimmed;
    }
}
