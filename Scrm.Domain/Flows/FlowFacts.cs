using System.Globalization;

using Scrm.Domain.Customers;
using Scrm.Domain.Tickets;

namespace Scrm.Domain.Flows;

/// <summary>
/// What a flow's conditions test, as text keyed like form fields ("ticket.priority", "customer.tier", "amount" in
/// yuan…), plus the amount in fen that picks approval levels and the ticket's status that completes tasks.
/// </summary>
public sealed record FlowFacts(IReadOnlyDictionary<string, string?> Values, long AmountFen, TicketStatus Status)
{
    public const string Priority = "ticket.priority";
    public const string Type = "ticket.type";
    public const string Region = "ticket.region";
    public const string City = "ticket.city";
    public const string CustomerTier = "customer.tier";
    public const string Amount = "amount";

    /// <summary>A fact that is not known reads as null: empty, equal to nothing, in nothing.</summary>
    public string? Value(string key) => Values.TryGetValue(key, out var value) ? value : null;

    /// <summary>The facts of a ticket from plain values; form values keep their keys and may not shadow ticket facts.</summary>
    public static FlowFacts Of(
        TicketStatus status,
        long amountFen = 0,
        TicketPriority? priority = null,
        TicketType? type = null,
        string? region = null,
        string? city = null,
        CustomerTier? tier = null,
        IReadOnlyDictionary<string, string?>? form = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in form ?? new Dictionary<string, string?>()) values[key] = value;
        values[Priority] = priority?.ToString();
        values[Type] = type?.ToString();
        values[Region] = region;
        values[City] = city;
        values[CustomerTier] = tier?.ToString();
        values[Amount] = Yuan(amountFen);
        return new FlowFacts(values, amountFen, status);
    }

    /// <summary>Fen as yuan the way a person types them in a rule: "1234.5", never "1,234.50".</summary>
    public static string Yuan(long fen) => (fen / 100m).ToString("0.##", CultureInfo.InvariantCulture);
}
