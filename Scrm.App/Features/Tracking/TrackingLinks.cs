using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;

namespace Scrm.App.Features.Tracking;

/// <summary>
/// The customer's progress link of a ticket, as an absolute URL, for the API, staff screens and messages sent out
/// (notifications, WeCom replies). The host is <c>Scrm:PublicBaseUrl</c>, else the current request's, else the address
/// the server listens on.
/// </summary>
public sealed class TrackingLinks(IDbContextFactory<ScrmDbContext> dbFactory, WritePath writes, TrackingTokens tokens,
    IConfiguration configuration, IHttpContextAccessor http, IServer server)
{
    /// <summary>
    /// The ticket's link; a ticket created a moment ago whose TicketCreated the issuer has not handled yet gets its token
    /// now (the issuer then finds it there), so that a reply sent right after creation can carry the link. Null for an unknown ticket.
    /// </summary>
    public async Task<string?> LinkForAsync(long ticketId, CancellationToken ct)
    {
        var links = await LinksForAsync([ticketId], ct);
        if (links.TryGetValue(ticketId, out var link)) return link;
        await writes.RunAsync(AccessScope.System, async (db, token) =>
            await db.Tickets.IgnoreQueryFilters().AnyAsync(t => t.Id == ticketId, token) && await tokens.IssueInAsync(db, ticketId, token), ct);
        return (await LinksForAsync([ticketId], ct)).GetValueOrDefault(ticketId);
    }

    /// <summary>
    /// <see cref="LinkForAsync"/> for several tickets: one read, and one write for all of them that have no token yet
    /// (a burst of new tickets whose notifications run ahead of the issuer). Unknown tickets are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, string>> LinksIssuingAsync(IReadOnlyCollection<long> ticketIds, CancellationToken ct)
    {
        var links = await LinksForAsync(ticketIds, ct);
        var missing = ticketIds.Where(id => !links.ContainsKey(id)).ToList();
        if (missing.Count == 0) return links;
        await writes.RunAsync(AccessScope.System, async (db, token) =>
        {
            var known = await db.Tickets.IgnoreQueryFilters().Where(t => missing.Contains(t.Id)).Select(t => t.Id).ToListAsync(token);
            return await tokens.IssueInAsync(db, known, token);
        }, ct);
        var issued = await LinksForAsync(missing, ct);
        return links.Concat(issued).ToDictionary(p => p.Key, p => p.Value);
    }

    /// <summary>The links of several tickets in one query (a page of the API's list); tickets without a token are left out.</summary>
    public async Task<IReadOnlyDictionary<long, string>> LinksForAsync(IReadOnlyCollection<long> ticketIds, CancellationToken ct)
    {
        if (ticketIds.Count == 0) return new Dictionary<long, string>();
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var rows = await db.TrackingTokens.AsNoTracking().Where(t => ticketIds.Contains(t.TicketId))
            .Select(t => new { t.TicketId, t.ProtectedToken }).ToListAsync(ct);
        var root = BaseUrl();
        var links = new Dictionary<long, string>();
        foreach (var row in rows)
            if (tokens.Unprotect(row.ProtectedToken) is { } token) links[row.TicketId] = PathOf(root, token);
        return links;
    }

    public static string PathOf(string baseUrl, string token) => $"{baseUrl.TrimEnd('/')}/t/{token}";

    public string BaseUrl()
    {
        if (configuration["Scrm:PublicBaseUrl"] is { Length: > 0 } configured) return configured;
        if (http.HttpContext?.Request is { Host.HasValue: true } request) return $"{request.Scheme}://{request.Host}{request.PathBase}";
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return listening?.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://[::]", "://localhost") ?? "http://localhost";
    }
}
