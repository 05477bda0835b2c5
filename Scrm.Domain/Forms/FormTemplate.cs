using Scrm.Domain.Common;
using Scrm.Domain.Tickets;

namespace Scrm.Domain.Forms;

/// <summary>
/// A ticket form (工单模板) such as "equipment-repair", with its numbered versions. A head-office template
/// (<see cref="Region"/> null) holds whole field lists; a region's variant of it (same key) holds the fields the region
/// adds and the head-office keys it hides. At most one draft at a time; publishing it retires the version before.
/// </summary>
public sealed class FormTemplate : IAuditable
{
    public const int KeyMaxLength = 50;
    public const int NameMaxLength = 100;

    private readonly List<FormVersion> _versions = [];

    private FormTemplate() { }

    public long Id { get; private set; }

    /// <summary>Lower-case words joined by hyphens; the public intake lives at /s/{key}.</summary>
    public string Key { get; private set; } = "";

    public string NameZh { get; private set; } = "";
    public string? NameEn { get; private set; }
    public TicketType TicketType { get; private set; }

    /// <summary>The region this variant is for; null for the head-office template.</summary>
    public string? Region { get; private set; }

    public bool IsRegionVariant => Region is not null;

    public IReadOnlyList<FormVersion> Versions => _versions.AsReadOnly();

    /// <summary>The version new submissions use, if any has been published.</summary>
    public FormVersion? Published => _versions.LastOrDefault(v => v.Status == FormVersionStatus.Published);

    public FormVersion? Draft => _versions.LastOrDefault(v => v.Status == FormVersionStatus.Draft);

    public static FormTemplate CreateHeadOffice(string key, string nameZh, string? nameEn, TicketType ticketType) => new()
    {
        Key = TemplateKey(key),
        NameZh = Guard.Text(nameZh, "name", NameMaxLength),
        NameEn = NullIfEmpty(Guard.Text(nameEn, "nameEn", NameMaxLength, required: false)),
        TicketType = Guard.Defined(ticketType, "ticketType"),
    };

    /// <summary>A region's variant of <paramref name="headOffice"/>: same key, names and ticket type.</summary>
    public static FormTemplate CreateVariant(FormTemplate headOffice, string region)
    {
        if (headOffice.IsRegionVariant)
            throw new DomainRuleException("Form.VariantOfVariant",
                $"'{headOffice.Key}' is already the {headOffice.Region} variant; variants are made of head-office templates.", headOffice.Key);
        return new FormTemplate
        {
            Key = headOffice.Key,
            NameZh = headOffice.NameZh,
            NameEn = headOffice.NameEn,
            TicketType = headOffice.TicketType,
            Region = Guard.Text(region, "region", Geo.Regions.NameMaxLength),
        };
    }

    public void Rename(string nameZh, string? nameEn)
    {
        NameZh = Guard.Text(nameZh, "name", NameMaxLength);
        NameEn = NullIfEmpty(Guard.Text(nameEn, "nameEn", NameMaxLength, required: false));
    }

    /// <summary>
    /// Saves the designer's field list as the draft, starting a new draft numbered after the latest version when
    /// there is none. Published versions are never touched. A draft may be incomplete; publishing checks it.
    /// </summary>
    public FormVersion SaveDraft(IEnumerable<FormField> fields, DateTimeOffset now, IEnumerable<string>? hiddenKeys = null)
    {
        var list = fields.ToList();
        var hidden = (hiddenKeys ?? []).ToList();
        if (list.Any(f => f is null)) throw new ArgumentException("A field list cannot hold null.", nameof(fields));
        if (list.Count > FormSchemaCheck.MaxFields)
            throw new DomainRuleException("Form.TooManyFields", $"A form has at most {FormSchemaCheck.MaxFields} fields.", FormSchemaCheck.MaxFields);
        if (!IsRegionVariant && hidden.Count > 0)
            throw new DomainRuleException("Form.HiddenKeysOnHeadOffice", "Only a region variant hides head-office fields.");
        var draft = Draft;
        if (draft is null)
        {
            draft = new FormVersion(_versions.Count == 0 ? 1 : _versions.Max(v => v.Number) + 1, now);
            _versions.Add(draft);
        }
        draft.Replace(list, hidden, now);
        return draft;
    }

    /// <summary>
    /// Publishes the draft under its number and retires the version it replaces. Refused with a
    /// <see cref="FormSchemaException"/> naming every problem; a variant is checked against
    /// <paramref name="headOffice"/>, the published head-office version it will be applied to.
    /// </summary>
    public FormVersion Publish(DateTimeOffset now, FormVersion? headOffice = null)
    {
        var draft = Draft ?? throw new DomainRuleException("Form.NoDraft", $"'{Key}' has no draft to publish.", Key);
        IReadOnlyList<SchemaProblem> problems;
        if (IsRegionVariant)
        {
            if (headOffice is not { Status: FormVersionStatus.Published })
                throw new DomainRuleException("Form.HeadOfficeNotPublished",
                    $"The {Region} variant of '{Key}' is published against a published head-office version.", Key);
            problems = FormSchemaCheck.CheckVariant(headOffice, draft.Fields, draft.HiddenKeys);
        }
        else
        {
            problems = FormSchemaCheck.Check(draft.Fields);
        }
        if (problems.Count > 0) throw new FormSchemaException(problems);
        Published?.MarkRetired(now);
        draft.MarkPublished(now);
        return draft;
    }

    /// <summary>
    /// Drops the unpublished draft: the designer's "discard draft", back to the published version. Refused when there is
    /// no draft, so that a second click (or another tab) is told instead of silently doing nothing.
    /// </summary>
    public void DiscardDraft()
    {
        var draft = Draft ?? throw new DomainRuleException("Form.NoDraftToDiscard", $"'{Key}' has no draft to discard.", Key);
        _versions.Remove(draft);
    }

    /// <summary>The exact version a ticket was created with.</summary>
    public FormVersion Version(int number) =>
        _versions.FirstOrDefault(v => v.Number == number)
        ?? throw new DomainRuleException("Form.NoSuchVersion", $"'{Key}' has no version {number}.", Key, number);

    private static string TemplateKey(string? key)
    {
        var trimmed = Guard.Text(key, "key", KeyMaxLength);
        var valid = char.IsAsciiLetterLower(trimmed[0]) && trimmed[^1] != '-' && !trimmed.Contains("--", StringComparison.Ordinal)
            && trimmed.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '-');
        if (!valid)
            throw new DomainRuleException("Form.BadKey",
                $"'{trimmed}' is not a template key: lower-case words and digits joined by hyphens, like equipment-repair.", trimmed);
        return trimmed;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
