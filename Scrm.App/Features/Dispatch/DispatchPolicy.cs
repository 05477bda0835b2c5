using Scrm.Domain.Common;

namespace Scrm.App.Features.Dispatch;

/// <summary>
/// How tickets of one type (null: every type) in one region (null: every region) are dispatched: the criteria's
/// modes and weights, and whether a new ticket goes to the best technician by itself. The most specific policy wins.
/// </summary>
public sealed class DispatchPolicy : IAuditable
{
    public const int MaxAcceptMinutes = 24 * 60;

    public long Id { get; set; }
    public string? TicketType { get; set; }
    public string? Region { get; set; }

    /// <summary>The eight criteria as JSON: [{"criterion":"Distance","mode":"Weighted","weight":3}, …].</summary>
    public string Rules { get; set; } = "[]";

    /// <summary>Assign a new ticket to the top candidate as soon as it is created.</summary>
    public bool AutoDispatch { get; set; }

    /// <summary>How long the chosen technician has to accept before the next one is tried.</summary>
    public int AcceptWithinMinutes { get; set; } = 30;

    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public long Version { get; set; }
}
