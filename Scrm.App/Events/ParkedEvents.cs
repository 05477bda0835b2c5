using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Shared;

namespace Scrm.App.Events;

public sealed record ParkedEventRow(long Id, string Handler, long OutboxId, string Type, int Attempts, string Error,
    DateTimeOffset ParkedAt, DateTimeOffset? LastTriedAt, ParkedEventState State);

/// <summary>What an Admin sees of events a handler gave up on, and the retry button behind it.</summary>
public sealed class ParkedEvents(
    IDbContextFactory<ScrmDbContext> dbFactory, EventHandlerRegistry registry, EventTypes types,
    IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task<IReadOnlyList<ParkedEventRow>> ListAsync(AccessScope scope, bool includeResolved, CancellationToken ct = default)
    {
        EnsureAdmin(scope);
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var query = db.ParkedEvents.AsNoTracking();
        if (!includeResolved) query = query.Where(p => p.State == ParkedEventState.Parked);
        return await query.OrderByDescending(p => p.Id).Take(500)
            .Select(p => new ParkedEventRow(p.Id, p.Handler, p.OutboxId, p.Type, p.Attempts, p.Error, p.ParkedAt, p.LastTriedAt, p.State))
            .ToListAsync(ct);
    }

    /// <summary>Delivers the parked event to its handler once more; resolved when it succeeds, else the new error is kept.</summary>
    public async Task<bool> RetryAsync(AccessScope scope, long id, CancellationToken ct = default)
    {
        EnsureAdmin(scope);
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var parked = await db.ParkedEvents.FirstOrDefaultAsync(p => p.Id == id && p.State == ParkedEventState.Parked, ct)
                     ?? throw new NotFoundException("ParkedEvent", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var message = await db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == parked.OutboxId, ct)
                      ?? throw new NotFoundException("OutboxMessage", parked.OutboxId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var handler = registry.Find(parked.Handler)
                      ?? throw new NotFoundException("EventHandler", parked.Handler);
        parked.Attempts++;
        parked.LastTriedAt = clock.GetUtcNow();
        try
        {
            await using var handlerScope = scopes.CreateAsyncScope();
            var instance = handlerScope.ServiceProvider.GetRequiredService(handler.HandlerType);
            await handler.InvokeAsync(instance, message.Type, types.Deserialize(message.Type, message.Payload),
                new EventDelivery(handler.Name, message.Id, parked.Attempts), ct);
            parked.State = ParkedEventState.Resolved;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            parked.Error = HandlerLedger.Describe(e);
        }
        await db.SaveChangesAsync(ct);
        return parked.State == ParkedEventState.Resolved;
    }

    private static void EnsureAdmin(AccessScope scope)
    {
        if (!scope.IsIn(AppRoles.Admin))
            throw new AccessDeniedException("Events.AdminOnly", "Only an Admin may see or retry parked events.");
    }
}
