using Scrm.Domain.Tracking;

namespace Scrm.App.Features.Tracking;

/// <summary>Settings of the customer's progress page (section "Tracking").</summary>
public sealed class TrackingOptions
{
    public const string Section = "Tracking";

    /// <summary>Days a link keeps working after its ticket closed or was cancelled.</summary>
    public int DaysAfterClose { get; set; } = TrackingExpiry.DefaultDaysAfterClose;

    /// <summary>Requests to /t/* and the hub one client address may make per minute; 0 or less turns the limit off (load tests).</summary>
    public int RequestsPerMinute { get; set; } = 120;

    /// <summary>At most one technician position per ticket group this often, whatever rate the phone reports at.</summary>
    public TimeSpan PositionInterval { get; set; } = TimeSpan.FromSeconds(3);
}
