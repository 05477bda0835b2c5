using Scrm.Domain.Common;

namespace Scrm.Domain.Flows;

public enum FlowVersionStatus
{
    /// <summary>Being drawn in the designer; the only status whose definition may change.</summary>
    Draft,
    /// <summary>The version new tickets of the flow's type get; never changes again.</summary>
    Published,
    /// <summary>Replaced by a newer version; tickets already running on it stay on it.</summary>
    Retired,
}

/// <summary>
/// One numbered version of a flow. The definition is kept as the JSON the designer saved; once published it never
/// changes, so a ticket that runs on it can always be read back exactly.
/// </summary>
public sealed class FlowVersion : IAuditable
{
    private FlowDefinition? _definition;

    private FlowVersion() { }

    internal FlowVersion(int number, Actor actor, DateTimeOffset now)
    {
        Number = number;
        Status = FlowVersionStatus.Draft;
        CreatedAt = SavedAt = now;
        CreatedBy = SavedBy = actor.Name;
    }

    public long Id { get; private set; }
    public int Number { get; private set; }
    public FlowVersionStatus Status { get; private set; }
    public string DefinitionJson { get; private set; } = "{}";
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset SavedAt { get; private set; }
    public string SavedBy { get; private set; } = "";
    public DateTimeOffset? PublishedAt { get; private set; }
    public string? PublishedBy { get; private set; }
    public DateTimeOffset? RetiredAt { get; private set; }

    /// <summary>The stored definition, read once (a published version never changes).</summary>
    public FlowDefinition Definition => _definition ??= DomainJson.Deserialize<FlowDefinition>(DefinitionJson);

    internal void Replace(FlowDefinition definition, Actor actor, DateTimeOffset now)
    {
        EnsureDraft();
        DefinitionJson = DomainJson.Serialize(definition);
        _definition = null;
        (SavedAt, SavedBy) = (now, actor.Name);
    }

    internal void MarkPublished(Actor actor, DateTimeOffset now)
    {
        EnsureDraft();
        Status = FlowVersionStatus.Published;
        PublishedAt = now;
        PublishedBy = actor.Name;
    }

    internal void MarkRetired(DateTimeOffset now)
    {
        if (Status is not FlowVersionStatus.Published)
            throw new DomainRuleException("Flow.NotPublished", $"Version {Number} is not published, so it cannot be retired.", Number);
        Status = FlowVersionStatus.Retired;
        RetiredAt = now;
    }

    private void EnsureDraft()
    {
        if (Status is not FlowVersionStatus.Draft)
            throw new DomainRuleException("Flow.VersionPublished",
                $"Version {Number} is {Status} and can no longer change; edit a new draft instead.", Number, Status);
    }
}
