using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;

namespace Scrm.App.Features.Forms;

/// <summary>
/// What a device-model field offers while typing: the customer's own devices first, then the catalogue — the models
/// most often installed among the devices the caller can see (region filters apply). A suggestion, never a rule:
/// the field still takes any text.
/// </summary>
public sealed class DeviceModels(IDbContextFactory<ScrmDbContext> dbFactory, TimeProvider clock)
{
    public const int CatalogueSize = 40;

    // The public intake shows the whole catalogue on every page view: read at most once a few minutes.
    private static readonly TimeSpan PublicCatalogueAge = TimeSpan.FromMinutes(5);
    private (IReadOnlyList<string> Models, DateTimeOffset At)? _publicCatalogue;

    public async Task<IReadOnlyList<string>> ForCustomerAsync(AccessScope scope, long? customerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var own = customerId is { } id
            ? await db.Devices.Where(d => d.CustomerId == id).Select(d => d.Model).Distinct().OrderBy(m => m).ToListAsync(ct)
            : [];
        return [.. own, .. (await CatalogueAsync(db, ct)).Except(own)];
    }

    public async Task<IReadOnlyList<string>> ForTicketAsync(AccessScope scope, long ticketId, CancellationToken ct = default)
    {
        long? customerId;
        await using (var db = await dbFactory.CreateForAsync(scope, ct))
            customerId = await db.Tickets.Where(t => t.Id == ticketId).Select(t => (long?)t.CustomerId).FirstOrDefaultAsync(ct);
        return customerId is null ? [] : await ForCustomerAsync(scope, customerId, ct);
    }

    /// <summary>The catalogue alone, for the public intake (no customer is known there).</summary>
    public async Task<IReadOnlyList<string>> PublicCatalogueAsync(AccessScope scope, CancellationToken ct = default)
    {
        if (_publicCatalogue is { } cached && clock.GetUtcNow() - cached.At < PublicCatalogueAge) return cached.Models;
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var models = await CatalogueAsync(db, ct);
        _publicCatalogue = (models, clock.GetUtcNow());
        return models;
    }

    private static async Task<List<string>> CatalogueAsync(ScrmDbContext db, CancellationToken ct) =>
        await db.Devices.GroupBy(d => d.Model).Select(g => new { Model = g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Model).Take(CatalogueSize).Select(g => g.Model).ToListAsync(ct);
}
