using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Admin;
using Scrm.Domain.Sla;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Sla;

/// <summary>
/// Which tickets SLA repair recomputes: every open one, and those closed in [<see cref="ClosedFrom"/>,
/// <see cref="ClosedTo"/>); only those on a policy that uses <see cref="CalendarKey"/> or is <see cref="PolicyKey"/>
/// when either is given (tickets without clocks yet always, so they get them).
/// </summary>
public sealed record SlaRepairRequest(DateTimeOffset ClosedFrom, DateTimeOffset ClosedTo, string? CalendarKey = null, string? PolicyKey = null);

/// <summary>One ticket whose outcome the recomputation changed.</summary>
public sealed record SlaRepairLine(long TicketId, string Number, string? PolicyBefore, string? PolicyAfter,
    DateTimeOffset? BreachedBefore, DateTimeOffset? BreachedAfter, SlaClockState? StateBefore, SlaClockState? StateAfter);

public sealed record SlaRepairResult(int Examined, IReadOnlyList<SlaRepairLine> Changed);

/// <summary>
/// SLA repair: after a calendar or policy changed (a holiday added late), recomputes the clocks of the tickets it
/// touches from their timelines, from their creation on. Each changed ticket gets an SLA line saying breach before →
/// after, and the run itself an audit row.
/// </summary>
public sealed class SlaRepair(IDbContextFactory<ScrmDbContext> dbFactory, WritePath writes, SlaSettings settings,
    SlaRecalculator recalculator, TimeProvider clock)
{
    private const int Batch = 50;

    public async Task<SlaRepairResult> RecomputeAsync(AccessScope scope, SlaRepairRequest request, CancellationToken ct = default)
    {
        AdminAccess.Ensure(scope);
        settings.Invalidate();
        var ids = await AffectedAsync(request, ct);
        var changed = new List<SlaRepairLine>();
        var now = clock.GetUtcNow();
        foreach (var chunk in ids.Chunk(Batch))
            changed.AddRange(await writes.RunAsync(scope, async (db, token) =>
            {
                var lines = new List<SlaRepairLine>();
                foreach (var id in chunk)
                    if (await recalculator.RecomputeAsync(db, id, now, token) is { Changed: true } r)
                        lines.Add(Record(r, scope, now));
                return lines;
            }, ct));
        await writes.RunAsync(scope, (db, _) =>
        {
            db.AuditEntries.Add(new AuditEntry
            {
                At = now, UserId = scope.Actor.Id, UserName = scope.Actor.Name, Entity = "SlaRepair", EntityId = now.ToString("O"),
                Action = "Recompute",
                After = JsonSerializer.Serialize(new { request, Examined = ids.Count, Changed = changed.Select(c => c.Number) }),
            });
            return Task.FromResult(true);
        }, ct);
        return new SlaRepairResult(ids.Count, changed);
    }

    private async Task<List<long>> AffectedAsync(SlaRepairRequest request, CancellationToken ct)
    {
        var snapshot = await settings.CurrentAsync(ct);
        var policies = snapshot.Policies
            .Where(p => (request.CalendarKey is null || p.CalendarKey == request.CalendarKey) && (request.PolicyKey is null || p.Key == request.PolicyKey))
            .Select(p => p.Key).ToList();
        var anyPolicy = request.CalendarKey is null && request.PolicyKey is null;
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var (from, to) = (request.ClosedFrom, request.ClosedTo);
        return await db.Tickets.AsNoTracking()
            .Where(t => (t.Status != TicketStatus.Closed && t.Status != TicketStatus.Cancelled)
                        || (t.ClosedAt >= from && t.ClosedAt < to))
            .Where(t => anyPolicy || !db.Set<TicketSla>().Any(s => s.TicketId == t.Id)
                        || db.Set<TicketSla>().Any(s => s.TicketId == t.Id && policies.Contains(s.PolicyKey)))
            .OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(ct);
    }

    private static SlaRepairLine Record(SlaRecomputed r, AccessScope scope, DateTimeOffset now)
    {
        var calendar = r.Calendar;
        string Breach(DateTimeOffset? at) => at is null ? "未超时" : calendar is null ? at.Value.ToString("u") : $"{SlaTexts.Local(at, calendar)} 超时";
        r.Ticket.Note(TicketEventKind.Sla, "Recomputed", r.Policy?.Name, scope.Actor, now,
            $"SLA 重新计算：{Breach(r.BreachedBefore)} → {Breach(r.Row?.BreachedAt)}");
        return new SlaRepairLine(r.Ticket.Id, r.Ticket.Number, r.PolicyBefore, r.Row?.PolicyKey, r.BreachedBefore, r.Row?.BreachedAt,
            r.StateBefore, r.Row?.State);
    }
}
