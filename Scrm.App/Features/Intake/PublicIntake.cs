using System.Globalization;
using System.Text;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Primitives;
using Scrm.App.Data;
using Scrm.App.Data.Seed;
using Scrm.App.Features.Files;
using Scrm.App.Features.Forms;
using Scrm.App.Features.Shared;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Common;
using Scrm.Domain.Customers;
using Scrm.Domain.Forms;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Intake;

/// <summary>What a visitor posted, kept to draw the form again, with the errors to show beside each field ("" for the form).</summary>
public sealed record IntakeAnswers(IReadOnlyDictionary<string, StringValues> Posted, IReadOnlyList<FormError> Errors, FormValidation? Validation)
{
    public static readonly IntakeAnswers Empty = new(new Dictionary<string, StringValues>(), [], null);

    /// <summary>Files already uploaded, by field: kept by reference when the form comes back, never asked for again.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<StoredFile>> Files { get; init; } = new Dictionary<string, IReadOnlyList<StoredFile>>();

    public StringValues this[string key] => Posted.TryGetValue(key, out var value) ? value : StringValues.Empty;
}

/// <summary>The outcome of a submission: the ticket number, or the answers to show again.</summary>
public abstract record IntakeOutcome
{
    public sealed record Accepted(string TicketNumber, long TicketId) : IntakeOutcome;

    public sealed record Rejected(IntakeForm Form, IntakeAnswers Answers) : IntakeOutcome;
}

/// <summary>
/// The public H5 intake: finds the published form behind a link and turns a visitor's submission into a ticket, as
/// the system actor "public-intake" with an Agent's rights in every region. The form is checked here first, so that
/// each field gets its message, and again by <see cref="TicketService"/>, which stores the values with the ticket.
/// </summary>
public sealed class PublicIntake(FormTemplates templates, IIntakeFiling filing, Attachments attachments, TimeProvider clock,
    BusinessClock businessClock)
{
    public static readonly AccessScope Scope =
        new(new Actor("public-intake", "网页报修"), new HashSet<string> { AppRoles.Agent }, AllRegions: true, [], null);

    // FormTemplates keeps the published forms in memory; the intake's view of each lives exactly as long as its form.
    private static readonly ConditionalWeakTable<TicketForm, IntakeForm> Offered = new();

    /// <summary>
    /// The published form behind /s/{key} composed for <paramref name="region"/> (its variant, if published; null: head
    /// office). Null for an unknown or unpublished key or an unknown region.
    /// </summary>
    public async Task<IntakeForm?> FindAsync(string key, string? region, CancellationToken ct = default)
    {
        if (region is { Length: 0 }) region = null;
        if (region is not null && !Regions.All.Contains(region)) return null;
        var form = await templates.ForIntakeAsync(key, region, ct);
        return form is null ? null : Offered.GetValue(form, f => IntakeForm.Create(key, f.TicketType, f));
    }

    /// <summary>
    /// Checks and files a submission to the page of <paramref name="pageRegion"/> (null: the head-office link). The values
    /// are checked against the form of the chosen city's region, which is what the ticket is created with.
    /// </summary>
    public async Task<IntakeOutcome> SubmitAsync(IntakeForm page, string? pageRegion, IFormCollection posted, CancellationToken ct = default)
    {
        var cityName = Text(posted, IntakeForm.CityKey);
        var city = cityName.Length == 0 ? null : ReferenceData.FindCity(cityName);
        var form = pageRegion is null && city is not null ? await FindAsync(page.Key, city.Region, ct) ?? page : page;

        var values = FormValues(form, posted);
        var (point, pointError) = Point(form, posted);
        // A template address field keeps its point in the ticket's form values (the intake's own address has only the site).
        if (point is not null && !form.AsksOwnAddress && values.TryGetValue(form.AddressKey, out var typed) && typed is string addressText)
            values[form.AddressKey] = new AddressValue(addressText, point);
        var (files, fileErrors) = await FilesAsync(form, posted, ct);
        foreach (var (key, chosen) in files) values[key] = chosen.ToArray();
        var validation = form.Definition.Validate(values);
        var errors = new List<FormError>(validation.Errors.Where(e => form.IsOffered(e.FieldKey) || !IsTemplateField(form, e.FieldKey)));
        errors.AddRange(fileErrors);
        if (pointError is not null) errors.Add(pointError);
        foreach (var key in posted.Keys.Where(k => IsTemplateField(form, k) && !form.IsOffered(k)))
            errors.Add(new FormError("", "Intake.FieldNotOffered", $"'{key}' cannot be filled in here.", [key]));
        // A key neither form has (the intake's own start with "_", the antiforgery token too) was not on the page.
        foreach (var key in posted.Keys.Concat(posted.Files.Select(f => f.Name)).Distinct(StringComparer.Ordinal)
                     .Where(k => !k.StartsWith('_') && !IsTemplateField(form, k) && !IsTemplateField(page, k)))
            errors.Add(new FormError("", FormErrorCodes.UnknownField, $"'{key}' is not a field of this form.", [key]));

        if (city is null || pageRegion is not null && city.Region != pageRegion)
            errors.Add(cityName.Length == 0
                ? Required(IntakeForm.CityKey)
                : new FormError(IntakeForm.CityKey, "City.Unknown", $"We do not serve {cityName} yet.", [cityName]));
        var name = Contact(form, form.NameKey, posted, validation, Customer.NameMaxLength, errors);
        var phone = Contact(form, form.PhoneKey, posted, validation, Customer.PhoneMaxLength, errors);
        if (form.AsksOwnPhone && phone.Length > 0 && !PhoneNumber.IsValid(phone))
            errors.Add(new FormError(IntakeForm.OwnPhone, FormErrorCodes.PhoneInvalid, $"'{phone}' is not a mainland mobile number.", [phone]));
        var address = Contact(form, form.AddressKey, posted, validation, Site.AddressMaxLength, errors);
        if (errors.Count > 0) return Reject(form, posted, errors, validation, files);

        var request = new NewTicketRequest
        {
            Title = Clip($"{form.Template.NameZh} · {name}", Ticket.TitleMaxLength),
            Description = Clip(Summary(form, validation), Ticket.DescriptionMaxLength),
            Type = form.Type.ToString(),
            Customer = new NewCustomer { Name = name, Phone = phone },
            Site = new NewSite { Address = address, City = city!.Name, Lat = point?.Lat, Lng = point?.Lng },
            Form = values,
        };
        var submission = Text(posted, IntakeForm.SubmissionKey);
        var idempotencyKey = Guid.TryParseExact(submission, "N", out _) ? "intake:" + submission : null;
        try
        {
            return await filing.FileAsync(request, idempotencyKey, ct);
        }
        catch (InputRejectedException e)
        {
            return Reject(form, posted, e.Errors.Select(error => FromService(form, error)).ToList(), validation, files);
        }
        catch (DomainRuleException e)
        {
            return Reject(form, posted, [new FormError("", e.Code, e.Message, e.Args)], validation, files);
        }
    }

    /// <summary>What a bot that filled the honeypot is shown: a number of today's shape, nothing stored.</summary>
    public string DecoyNumber() =>
        TicketNumber.Format(businessClock.LocalDay(clock.GetUtcNow()), Random.Shared.Next(1, 999));

    /// <summary>What was posted, by key, to draw the form again; built only for a form that goes back to the visitor.</summary>
    internal static Dictionary<string, StringValues> Answers(IFormCollection posted) =>
        posted.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static IntakeOutcome.Rejected Reject(IntakeForm form, IFormCollection posted, List<FormError> errors,
        FormValidation validation, Dictionary<string, IReadOnlyList<StoredFile>> files)
    {
        var answers = Answers(posted);
        // A stored file comes back as its reference, never as the file again.
        foreach (var (key, chosen) in files) answers[key] = new StringValues(chosen.Select(f => f.Ref).ToArray());
        return new(form, new IntakeAnswers(answers, errors, validation) { Files = files });
    }

    /// <summary>
    /// Each upload field's files: those kept from an earlier try (posted back by reference) and those chosen now, put
    /// in the store at once so a refused form never asks for them again. A file over the field's size is not stored.
    /// </summary>
    private async Task<(Dictionary<string, IReadOnlyList<StoredFile>> Files, List<FormError> Errors)> FilesAsync(IntakeForm form,
        IFormCollection posted, CancellationToken ct)
    {
        var files = new Dictionary<string, IReadOnlyList<StoredFile>>(StringComparer.Ordinal);
        var errors = new List<FormError>();
        foreach (var field in form.Offered.Where(f => f.Type == FieldType.Upload))
        {
            var kept = posted.TryGetValue(field.Key, out var refs) ? refs.OfType<string>().Where(r => r.Length > 0).ToList() : [];
            var found = kept.Count == 0 ? [] : await attachments.FindAsync(Scope, kept.Where(Attachments.IsRef).ToList(), ct);
            var chosen = new List<StoredFile>(found);
            // The page posts back the references it was given in hidden inputs: any other value was changed on the way.
            if (kept.FirstOrDefault(r => found.All(f => f.Ref != r)) is { } unknown)
                errors.Add(new FormError(field.Key, "File.Unknown", $"File '{unknown}' was not uploaded here.", [unknown]));
            var maxBytes = field.MaxFileBytes ?? FormField.DefaultMaxFileBytes;
            foreach (var file in posted.Files.GetFiles(field.Key).Where(f => f.Length > 0))
            {
                if (file.Length > maxBytes)
                {
                    errors.Add(new FormError(field.Key, FormErrorCodes.FileTooLarge, $"File '{file.FileName}' is larger than {maxBytes} bytes.",
                        [file.FileName, maxBytes]));
                    continue;
                }
                try
                {
                    await using var content = file.OpenReadStream();
                    chosen.Add(await attachments.UploadAsync(Scope, content, file.FileName, ct));
                }
                catch (InputRejectedException e)
                {
                    errors.AddRange(e.Errors.Select(error => new FormError(field.Key, error.Code, error.Message, error.Args)));
                }
            }
            if (chosen.Count > 0) files[field.Key] = chosen;
        }
        return (files, errors);
    }

    /// <summary>The template's values as an HTML form posts them: one text, or a list for a multi select.</summary>
    private static Dictionary<string, object?> FormValues(IntakeForm form, IFormCollection posted)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in form.Offered)
        {
            if (!field.HoldsValue || field.Type is FieldType.Upload or FieldType.Signature) continue;
            if (!posted.TryGetValue(field.Key, out var value) || value.Count == 0) continue;
            values[field.Key] = field.Type == FieldType.MultiSelect || value.Count > 1 ? value.ToArray() : value.ToString();
        }
        return values;
    }

    /// <summary>
    /// The address's map point from the hidden _lat/_lng inputs: none when both are empty; otherwise both must be
    /// decimal degrees in range. Anything else was changed on the way and is refused beside the address field.
    /// </summary>
    private static (GeoPoint? Point, FormError? Error) Point(IntakeForm form, IFormCollection posted)
    {
        var (lat, lng) = (Text(posted, IntakeForm.LatKey), Text(posted, IntakeForm.LngKey));
        if (lat.Length == 0 && lng.Length == 0) return (null, null);
        if (double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out var la) && double.IsFinite(la) && la is >= -90 and <= 90
            && double.TryParse(lng, NumberStyles.Float, CultureInfo.InvariantCulture, out var ln) && double.IsFinite(ln) && ln is >= -180 and <= 180)
            return (new GeoPoint(la, ln), null);
        return (null, new FormError(form.AddressKey, FormErrorCodes.PointInvalid, "The map point is outside the valid latitude and longitude.", [lat, lng]));
    }

    /// <summary>A value the ticket needs: required whatever the template says; a template field's cleaned value when it has one.</summary>
    private static string Contact(IntakeForm form, string key, IFormCollection posted, FormValidation validation, int maxLength, List<FormError> errors)
    {
        var own = key.StartsWith('_');
        var text = !own && validation.Values.TryGetValue(key, out var clean)
            ? clean is AddressValue address ? address.Text : Convert.ToString(clean, CultureInfo.InvariantCulture) ?? ""
            : Text(posted, key);
        if (errors.Any(e => e.FieldKey == key)) return text;
        if (text.Length == 0) errors.Add(Required(key));
        else if (text.Length > maxLength)
            errors.Add(new FormError(key, FormErrorCodes.TooLong, $"At most {maxLength} characters.", [maxLength]));
        return text;
    }

    private static FormError Required(string key) => new(key, FormErrorCodes.Required, "Required.", []);

    private static bool IsTemplateField(IntakeForm form, string key) => form.Definition.IndexOf(key) >= 0;

    private static string Text(IFormCollection posted, string key) => posted.TryGetValue(key, out var v) ? v.ToString().Trim() : "";

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];

    /// <summary>The service names fields as its API does; they are put back beside the inputs they came from.</summary>
    private static FormError FromService(IntakeForm form, FieldError error)
    {
        var key = error.Field switch
        {
            var f when f.StartsWith("form.", StringComparison.Ordinal) => f["form.".Length..],
            "customer.name" => form.NameKey,
            "customer.phone" => form.PhoneKey,
            "site.city" => IntakeForm.CityKey,
            "site.address" => form.AddressKey,
            _ => "",
        };
        if (key.Length > 0 && !key.StartsWith('_') && !form.IsOffered(key)) key = "";
        return new FormError(key, error.Code, error.Message, error.Args);
    }

    /// <summary>The filled-in values in words, for lists and search; the ticket keeps the values themselves.</summary>
    private static string Summary(IntakeForm form, FormValidation validation)
    {
        var text = new StringBuilder();
        foreach (var field in form.Offered)
        {
            if (field.Key == form.NameKey || field.Key == form.PhoneKey || !validation.Values.TryGetValue(field.Key, out var value)) continue;
            var shown = value switch
            {
                string[] chosen => string.Join("、", chosen.Select(v => Option(field, v))),
                string s when field.Type == FieldType.SingleSelect => Option(field, s),
                bool b => b ? "是" : "否",
                AddressValue a => a.Text,
                DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                long fen when field.Type == FieldType.Money => (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            text.Append(field.LabelZh.Length > 0 ? field.LabelZh : field.Key).Append('：').Append(shown).Append('\n');
        }
        return text.ToString().TrimEnd();
    }

    private static string Option(FormField field, string value) => field.Options.FirstOrDefault(o => o.Value == value)?.LabelZh ?? value;
}
