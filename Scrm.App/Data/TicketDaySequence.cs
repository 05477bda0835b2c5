namespace Scrm.App.Data;

/// <summary>The last ticket sequence handed out on one business day (yyyyMMdd).</summary>
public sealed class TicketDaySequence
{
    public string Day { get; set; } = "";
    public int Last { get; set; }
}
