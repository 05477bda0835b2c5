using Scrm.App.Data.Seed;
using Scrm.App.Features.Forms;
using Scrm.Domain.Forms;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Intake;

/// <summary>
/// A published template as the public intake offers it. Technician-only fields (required to close, not required to
/// open) and section headings left with nothing under them are not offered. The ticket's customer and site come from
/// the template's own fields when it has them — the first Phone field; the contact field (key contact_name,
/// parent_name or name, else the first Text field labelled 联系人 or …姓名); the first Address field — and from fields
/// the intake adds otherwise (<see cref="NameKey"/>, <see cref="PhoneKey"/>, <see cref="AddressKey"/>). The city is
/// always the intake's own select.
/// </summary>
public sealed class IntakeForm
{
    /// <summary>The intake's own inputs start with "_", which no template key can (template keys start with a letter).</summary>
    public const string OwnName = "_name", OwnPhone = "_phone", OwnAddress = "_address", CityKey = "_city",
        HoneypotKey = "_website", SubmissionKey = "_submission";

    /// <summary>The address's map point ("使用我的位置"), posted as invariant decimal degrees; both or neither.</summary>
    public const string LatKey = "_lat", LngKey = "_lng";

    private static readonly string[] ContactKeys = ["contact_name", "parent_name", "name"];

    private IntakeForm(string key, TicketType type, TicketForm form, IReadOnlyList<FormField> offered)
    {
        Key = key;
        Type = type;
        Template = form;
        Offered = offered;
        var holders = offered.Where(f => f.HoldsValue).ToList();
        PhoneKey = holders.FirstOrDefault(f => f.Type == FieldType.Phone)?.Key ?? OwnPhone;
        NameKey = (holders.FirstOrDefault(f => f.Type == FieldType.Text && ContactKeys.Contains(f.Key))
            ?? holders.FirstOrDefault(f => f.Type == FieldType.Text && (f.LabelZh.Contains("联系人") || f.LabelZh.EndsWith("姓名"))))?.Key ?? OwnName;
        AddressKey = holders.FirstOrDefault(f => f.Type == FieldType.Address)?.Key ?? OwnAddress;
        EmptyValidation = Definition.Validate(new Dictionary<string, object?>());
    }

    public string Key { get; }

    public TicketType Type { get; }

    /// <summary>The published form: head office, or head office with the region's variant applied.</summary>
    public TicketForm Template { get; }

    public FormDefinition Definition => Template.Definition;

    /// <summary>The template's fields the public fills in, in form order (sections included).</summary>
    public IReadOnlyList<FormField> Offered { get; }

    public string NameKey { get; }
    public string PhoneKey { get; }
    public string AddressKey { get; }

    public bool AsksOwnName => NameKey == OwnName;
    public bool AsksOwnPhone => PhoneKey == OwnPhone;
    public bool AsksOwnAddress => AddressKey == OwnAddress;

    /// <summary>The served cities a link offers: those of its region (?region=), or all.</summary>
    public static IEnumerable<City> Cities(string? pageRegion) =>
        ReferenceData.Cities.Where(c => pageRegion is null || c.Region == pageRegion);

    /// <summary>Visibility of the fields before anything is typed: the first render.</summary>
    public FormValidation EmptyValidation { get; }

    public string DisplayName => Forms.Designer.FormTexts.TemplateName(Template.NameZh, Template.NameEn);

    public bool IsOffered(string key) => Offered.Any(f => f.Key == key && f.HoldsValue);

    public static IntakeForm Create(string key, TicketType type, TicketForm form) =>
        new(key, type, form, form.Definition.OpeningFields);
}
