using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.Domain.Common;
using Scrm.Domain.Settlement;

namespace Scrm.App.Features.Settlement;

/// <summary>Closing a settlement period: from then on its lines are frozen, and later events land in the next open period.</summary>
public sealed class SettlementPeriods(WritePath writes, BusinessClock businessClock, TimeProvider clock)
{
    public SettlementPeriod Current => SettlementPeriod.Of(clock.GetUtcNow(), businessClock.Zone);

    /// <summary>Closes <paramref name="period"/> (audited as the caller). A month still to come cannot be closed, nor one closed already.</summary>
    public Task CloseAsync(AccessScope scope, SettlementPeriod period, CancellationToken ct = default)
    {
        SettlementAccess.EnsureCloser(scope);
        if (period.CompareTo(Current) > 0)
            throw new DomainRuleException("Settlement.FuturePeriod", $"{period} has not begun; it cannot be closed.", period.ToString());
        return writes.RunAsync(scope, async (db, token) =>
        {
            var text = period.ToString();
            if (await db.SettlementPeriodCloses.AnyAsync(p => p.Period == text, token))
                throw new DomainRuleException("Settlement.AlreadyClosed", $"{period} is closed already.", text);
            db.SettlementPeriodCloses.Add(new SettlementPeriodClose { Period = text, ClosedAt = clock.GetUtcNow(), ClosedBy = scope.Actor.Name });
            return true;
        }, ct);
    }
}
