using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Flows.Runtime;
using Scrm.Domain.Flows;

namespace Scrm.App.Features.Flows.Sandbox;

/// <summary>A real ticket as the sandbox sees it: its facts, and where its own flow stands when it has one.</summary>
public sealed record SandboxTicket(string Number, string Title, FlowFacts Facts, string? FlowKey, int? FlowVersion, FlowInstanceState? State);

/// <summary>
/// Reads a ticket's facts for a dry run, read-only and through the caller's region filter: a ticket the caller
/// cannot see is simply not found.
/// </summary>
public sealed class SandboxTickets(IDbContextFactory<ScrmDbContext> dbFactory)
{
    public async Task<SandboxTicket?> FindAsync(AccessScope scope, string number, CancellationToken ct = default)
    {
        FlowAccess.EnsureDesigner(scope);
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Number == number.Trim(), ct);
        if (ticket is null) return null;
        var tier = await db.Customers.Where(c => c.Id == ticket.CustomerId).Select(c => (Scrm.Domain.Customers.CustomerTier?)c.Tier).FirstOrDefaultAsync(ct);
        var instance = await db.Set<FlowInstance>().AsNoTracking().FirstOrDefaultAsync(i => i.TicketId == ticket.Id, ct);
        var form = FormFacts(ticket.FormValues);
        var facts = FlowFacts.Of(ticket.Status, AmountFen(form), ticket.Priority, ticket.Type, ticket.Region, ticket.City, tier, form);
        return new SandboxTicket(ticket.Number, ticket.Title, facts, instance?.TemplateKey, instance?.FlowVersion, instance?.State());
    }

    /// <summary>Form values as the text a rule compares; arrays (multi-selects) joined by commas.</summary>
    private static Dictionary<string, string?> FormFacts(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        var values = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json) ?? [];
        return values.ToDictionary(p => p.Key, p => Text(p.Value), StringComparer.Ordinal);
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Array => string.Join(",", value.EnumerateArray().Select(Text)),
        _ => value.GetRawText(),
    };

    /// <summary>A form's "amount" field in yuan, when the ticket's form has one.</summary>
    private static long AmountFen(Dictionary<string, string?> form) =>
        form.GetValueOrDefault(FlowFacts.Amount) is { } yuan && decimal.TryParse(yuan, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
            ? (long)Math.Round(amount * 100m)
            : 0;
}
