using Scrm.Domain.Common;

namespace Scrm.Domain.Forms;

/// <summary>
/// One numbered version of a template's fields. Only a draft changes; once published it stays exactly as it was,
/// so a ticket created with it can always be read and checked against it.
/// </summary>
public sealed class FormVersion : IAuditable
{
    private List<FormField> _fields = [];
    private List<string> _hiddenKeys = [];
    private FormDefinition? _definition;
    private Composition? _composed;

    private FormVersion() { }

    internal FormVersion(int number, DateTimeOffset now)
    {
        Number = number;
        Status = FormVersionStatus.Draft;
        SavedAt = now;
    }

    public long Id { get; private set; }
    public int Number { get; private set; }
    public FormVersionStatus Status { get; private set; }
    public DateTimeOffset SavedAt { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public DateTimeOffset? RetiredAt { get; private set; }

    /// <summary>The fields in form order; for a region variant, the fields it adds after the head-office ones.</summary>
    public IReadOnlyList<FormField> Fields => _fields.AsReadOnly();

    /// <summary>Head-office field keys a region variant hides; empty for a head-office version.</summary>
    public IReadOnlyList<string> HiddenKeys => _hiddenKeys.AsReadOnly();

    /// <summary>This version's own fields compiled for validation, once (the version is immutable once published).</summary>
    public FormDefinition Definition => _definition ??= FormDefinition.Of(_fields);

    internal void Replace(IReadOnlyList<FormField> fields, IReadOnlyList<string> hiddenKeys, DateTimeOffset now)
    {
        EnsureDraft();
        _fields = [.. fields];
        _hiddenKeys = [.. hiddenKeys];
        (_definition, _composed) = (null, null);
        SavedAt = now;
    }

    internal void MarkPublished(DateTimeOffset now)
    {
        EnsureDraft();
        Status = FormVersionStatus.Published;
        PublishedAt = now;
    }

    internal void MarkRetired(DateTimeOffset now)
    {
        if (Status is not FormVersionStatus.Published)
            throw new DomainRuleException("Form.NotPublished", $"Version {Number} is not published, so it cannot be retired.", Number);
        Status = FormVersionStatus.Retired;
        RetiredAt = now;
    }

    /// <summary>This variant applied to <paramref name="headOffice"/>; the last composition is kept, as regions reuse it.</summary>
    internal FormDefinition ComposedWith(FormVersion headOffice)
    {
        if (_composed is { } cached && ReferenceEquals(cached.HeadOffice, headOffice)) return cached.Definition;
        var definition = FormDefinition.ComposeFields(headOffice._fields, _fields, _hiddenKeys.ToHashSet(StringComparer.Ordinal));
        _composed = new Composition(headOffice, definition);
        return definition;
    }

    // A class, not a tuple: requests read the cache while another may replace it, and a reference is swapped whole.
    private sealed record Composition(FormVersion HeadOffice, FormDefinition Definition);

    private void EnsureDraft()
    {
        if (Status is not FormVersionStatus.Draft)
            throw new DomainRuleException("Form.VersionPublished",
                $"Version {Number} is {Status} and can no longer change; edit a new draft instead.", Number, Status);
    }
}
