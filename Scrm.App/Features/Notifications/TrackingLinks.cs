namespace Scrm.App.Features.Notifications;

/// <summary>
/// The customer's progress link of a ticket for the {trackingUrl} placeholder. The tracking module provides the real
/// one; without it there is no link, and templates leave the line that shows it out.
/// </summary>
public interface ITrackingLinks
{
    Task<string?> ForTicketAsync(long ticketId, CancellationToken ct);
}

public sealed class NoTrackingLinks : ITrackingLinks
{
    public Task<string?> ForTicketAsync(long ticketId, CancellationToken ct) => Task.FromResult<string?>(null);
}
