namespace Scrm.App.Features.Channels;

/// <summary>
/// The customer's progress link of a ticket (/t/{token}), for replies. The tracking module provides it; until it is
/// wired, <see cref="NoProgressLinks"/> answers null and replies go out without a link.
/// </summary>
public interface ITicketProgressLinks
{
    Task<string?> LinkAsync(long ticketId, CancellationToken ct);
}

public sealed class NoProgressLinks : ITicketProgressLinks
{
    public Task<string?> LinkAsync(long ticketId, CancellationToken ct) => Task.FromResult<string?>(null);
}
