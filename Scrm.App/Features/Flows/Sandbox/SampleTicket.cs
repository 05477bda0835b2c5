using System.Globalization;
using Scrm.Domain.Customers;
using Scrm.Domain.Flows;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Flows.Sandbox;

/// <summary>The made-up ticket the sandbox runs on, as the panel edits it; form values are typed one "key=value" a line.</summary>
public sealed class SampleTicket
{
    public TicketType Type { get; set; } = TicketType.Repair;
    public TicketPriority Priority { get; set; } = TicketPriority.Normal;
    public string Region { get; set; } = "华东";
    public string City { get; set; } = "上海";
    public CustomerTier Tier { get; set; } = CustomerTier.Standard;
    public decimal AmountYuan { get; set; }
    public string Form { get; set; } = "";

    public FlowFacts Facts(TicketStatus status) =>
        FlowFacts.Of(status, (long)Math.Round(AmountYuan * 100m), Priority, Type, Blank(Region), Blank(City), Tier, FormValues(Form));

    /// <summary>Lines without "=" are ignored; a key given twice keeps its last value.</summary>
    public static IReadOnlyDictionary<string, string?> FormValues(string text)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = line.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0) continue;
            values[line[..at].Trim()] = line[(at + 1)..].Trim();
        }
        return values;
    }

    /// <summary>A real ticket's facts copied in, so they can be edited further.</summary>
    public static SampleTicket From(FlowFacts facts)
    {
        var sample = new SampleTicket
        {
            Region = facts.Value(FlowFacts.Region) ?? "",
            City = facts.Value(FlowFacts.City) ?? "",
            AmountYuan = facts.AmountFen / 100m,
        };
        if (Enum.TryParse<TicketType>(facts.Value(FlowFacts.Type), out var type)) sample.Type = type;
        if (Enum.TryParse<TicketPriority>(facts.Value(FlowFacts.Priority), out var priority)) sample.Priority = priority;
        if (Enum.TryParse<CustomerTier>(facts.Value(FlowFacts.CustomerTier), out var tier)) sample.Tier = tier;
        string[] own = [FlowFacts.Type, FlowFacts.Priority, FlowFacts.Region, FlowFacts.City, FlowFacts.CustomerTier, FlowFacts.Amount];
        sample.Form = string.Join("\n", facts.Values.Where(v => !own.Contains(v.Key)).Select(v => $"{v.Key}={v.Value}"));
        return sample;
    }

    private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Type} {Priority} {Region} {City} {Tier} {AmountYuan}");
}
