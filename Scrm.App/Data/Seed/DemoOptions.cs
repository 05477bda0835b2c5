namespace Scrm.App.Data.Seed;

/// <summary>Configuration section "Demo": whether and how much demo data to create on an empty database.</summary>
public sealed class DemoOptions
{
    public bool Seed { get; set; } = true;
    public string Password { get; set; } = "Demo!2026";

    /// <summary>The value of the demo Admin API key; a deployment sets its own.</summary>
    public string? ApiKey { get; set; }
    public int Customers { get; set; } = 320;
    public int TechniciansPerRegion { get; set; } = 12;
    public int ClosedTickets { get; set; } = 2100;
    public int OpenPerStatusPerRegion { get; set; } = 6;
    public int HistoryDays { get; set; } = 90;
}
