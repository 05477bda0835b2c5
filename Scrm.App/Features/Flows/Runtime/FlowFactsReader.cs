using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Forms;
using Scrm.Domain.Flows;
using Scrm.Domain.Forms;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Flows.Runtime;

/// <summary>
/// What a ticket's flow conditions read (type, priority, region, city, customer tier, amount, form values) and which
/// of its form's sections are complete.
/// </summary>
public sealed class FlowFactsReader(FormTemplates forms)
{
    /// <param name="tiers">Customers' tiers read beforehand for a batch of tickets; others are read here.</param>
    public async Task<FlowFacts> FactsAsync(ScrmDbContext db, Ticket ticket, CancellationToken ct,
        IReadOnlyDictionary<long, Scrm.Domain.Customers.CustomerTier>? tiers = null)
    {
        var tier = tiers is not null && tiers.TryGetValue(ticket.CustomerId, out var known)
            ? known
            : await db.Customers.IgnoreQueryFilters().Where(c => c.Id == ticket.CustomerId).Select(c => (Scrm.Domain.Customers.CustomerTier?)c.Tier)
                .FirstOrDefaultAsync(ct);
        var form = FormTexts(ticket);
        return FlowFacts.Of(ticket.Status, AmountFen(form), ticket.Priority, ticket.Type, ticket.Region, ticket.City, tier, form);
    }

    /// <summary>The sections of the ticket's form whose required fields are all filled in.</summary>
    public async Task<IReadOnlyList<string>> CompleteSectionsAsync(Ticket ticket, CancellationToken ct)
    {
        if (ticket.FormKey is not { } key || ticket.FormVersion is not { } version) return [];
        var form = await forms.VersionAsync(key, version, ticket.Region, ticket.FormVariantVersion, ct);
        return form is null ? [] : CompleteSections(form, ticket.StoredFormValues());
    }

    /// <summary>
    /// A field belongs to the Section field before it; a section is complete when none of its required or
    /// required-to-close fields is empty (a section usually holds work filled in later, so its fields are required to close).
    /// </summary>
    public static IReadOnlyList<string> CompleteSections(FormDefinition form, IReadOnlyDictionary<string, object?> values)
    {
        var complete = new List<string>();
        string? section = null;
        var filled = true;
        foreach (var field in form.Fields)
        {
            if (field.Type == FieldType.Section)
            {
                if (section is not null && filled) complete.Add(section);
                (section, filled) = (field.Key, true);
                continue;
            }
            if (section is not null && (field.Required || field.RequiredToClose) && IsEmpty(values.GetValueOrDefault(field.Key))) filled = false;
        }
        if (section is not null && filled) complete.Add(section);
        return complete;
    }

    private static bool IsEmpty(object? value) => value switch
    {
        null => true,
        JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => true,
        JsonElement { ValueKind: JsonValueKind.String } s => string.IsNullOrWhiteSpace(s.GetString()),
        JsonElement { ValueKind: JsonValueKind.Array } a => a.GetArrayLength() == 0,
        string s => string.IsNullOrWhiteSpace(s),
        _ => false,
    };

    private static Dictionary<string, string?> FormTexts(Ticket ticket)
    {
        var texts = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in ticket.StoredFormValues())
            texts[key] = value is JsonElement e
                ? e.ValueKind switch
                {
                    JsonValueKind.String => e.GetString(),
                    JsonValueKind.Null or JsonValueKind.Undefined => null,
                    _ => e.GetRawText(),
                }
                : Convert.ToString(value, CultureInfo.InvariantCulture);
        return texts;
    }

    /// <summary>The form's "amount" field in yuan, as fen; 0 without one (until pricing gives tickets an amount).</summary>
    private static long AmountFen(Dictionary<string, string?> form) =>
        form.TryGetValue(FlowFacts.Amount, out var text) && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var yuan)
            ? (long)Math.Round(yuan * 100, MidpointRounding.AwayFromZero)
            : 0;
}
