using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.Domain.Common;
using Scrm.Domain.Pricing;
using Scrm.Domain.Settlement;

namespace Scrm.App.Features.Settlement;

/// <summary>
/// Writes a settlement line (with its shares) for every final bill and every correction, in the period it counts in:
/// the Shanghai month it happened, or — when that month is closed — the next open one, marked as a late adjustment.
/// Idempotent on redelivery (processed-event record and a unique event id).
/// </summary>
public sealed class SettlementRecorder(WritePath writes, BusinessClock businessClock, TimeProvider clock) :
    IEventHandler<BillFinalised>, IEventHandler<BillCredited>, IEventBatchHandler, IPositionedEventHandler
{
    public Task HandleAsync(BillFinalised e, EventDelivery delivery, CancellationToken ct) =>
        writes.RunOnceAsync(delivery, e, (db, token) => RecordAsync(db, [e], token), ct);

    public Task HandleAsync(BillCredited e, EventDelivery delivery, CancellationToken ct) =>
        writes.RunOnceAsync(delivery, e, (db, token) => RecordAsync(db, [e], token), ct);

    // The demo seed finalises thousands of bills at once; one transaction per batch keeps up with it.
    public Task HandleBatchAsync(IReadOnlyList<StoredEvent> events, string handler, CancellationToken ct)
    {
        var bills = events.Select(s => s.Event).Where(e => e is BillFinalised or BillCredited).ToList();
        return bills.Count == 0 ? Task.CompletedTask : writes.RunOnceAsync(handler, bills, (db, fresh, token) => RecordAsync(db, fresh, token), ct);
    }

    private async Task RecordAsync(ScrmDbContext db, IReadOnlyList<DomainEvent> events, CancellationToken ct)
    {
        var partners = (await db.SettlementPartners.AsNoTracking().ToListAsync(ct)).Select(p => p.ToPartner()).ToList();
        var split = (await db.SettlementSettings.AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync(ct))?.ToSplit() ?? PipelineSplit.Default;
        var closed = (await db.SettlementPeriodCloses.AsNoTracking().Select(p => p.Period).ToListAsync(ct)).ToHashSet();
        var now = clock.GetUtcNow();
        foreach (var e in events)
        {
            var line = e switch
            {
                BillFinalised bill => await BillLineAsync(db, bill, partners, split, ct),
                BillCredited credit => await CreditLineAsync(db, credit, partners, split, ct),
                _ => null,
            };
            if (line is null) continue;
            var (draft, row) = line.Value;
            var happened = SettlementPeriod.Of(row.OccurredAt, businessClock.Zone);
            var counts = happened;
            while (closed.Contains(counts.ToString())) counts = counts.Next();
            row.EventId = e.EventId;
            row.EventPeriod = happened.ToString();
            row.Period = counts.ToString();
            row.LateAdjustment = counts != happened;
            row.RecordedAt = now;
            (row.RevenueFen, row.CostFen, row.MarginFen) = (draft.RevenueFen, draft.CostFen, draft.MarginFen);
            (row.PartnerKey, row.PartnerShareFen, row.PartnerFeeFen) = (draft.PartnerKey, draft.PartnerShareFen, draft.PartnerFeeFen);
            row.Shares.AddRange(draft.Shares.Select(s => new SettlementShare
            {
                Period = row.Period, Region = row.Region, Party = s.Party, TicketId = s.TicketId, TechnicianId = s.TechnicianId,
                AmountFen = s.AmountFen, CountsAsTicket = s.CountsAsTicket, OccurredAt = row.OccurredAt,
            }));
            db.SettlementLines.Add(row);
        }
    }

    private static async Task<(SettlementLineDraft, SettlementLine)?> BillLineAsync(ScrmDbContext db, BillFinalised e, List<Partner> partners,
        PipelineSplit split, CancellationToken ct)
    {
        // A final bill is final: a second one for the same ticket (a replayed or duplicated event) settles nothing.
        if (await BillOfAsync(db, e.TicketId, ct) is not null) return null;
        long? parentTechnician = e.ParentTicketId is { } parent ? (await BillOfAsync(db, parent, ct))?.TechnicianId : null;
        var partner = Partner.For(partners, e.Region, e.City);
        var draft = SettlementLineDraft.For(e.TicketId, e.TechnicianId, e.ParentTicketId, parentTechnician, e.TotalFen, e.CostFen, true, partner, split);
        return (draft, new SettlementLine
        {
            Kind = SettlementLineKind.Bill, TicketId = e.TicketId, TicketNumber = e.TicketNumber, ParentTicketId = e.ParentTicketId,
            Region = e.Region, City = e.City, TechnicianId = e.TechnicianId, OccurredAt = e.FinalisedAt,
        });
    }

    // A correction carries neither city nor parent: both come from the bill it corrects, as does the partner it was settled with.
    private static async Task<(SettlementLineDraft, SettlementLine)?> CreditLineAsync(ScrmDbContext db, BillCredited e, List<Partner> partners,
        PipelineSplit split, CancellationToken ct)
    {
        var bill = await BillOfAsync(db, e.TicketId, ct);
        var partner = bill?.PartnerKey is { } key ? partners.FirstOrDefault(p => p.Key == key) : null;
        long? parentTechnician = bill?.ParentTicketId is { } parent ? (await BillOfAsync(db, parent, ct))?.TechnicianId : null;
        var draft = SettlementLineDraft.For(e.TicketId, e.TechnicianId ?? bill?.TechnicianId, bill?.ParentTicketId, parentTechnician, e.AmountFen,
            e.CostFen, false, partner, split);
        return (draft, new SettlementLine
        {
            Kind = SettlementLineKind.Credit, TicketId = e.TicketId, TicketNumber = e.TicketNumber, ParentTicketId = bill?.ParentTicketId,
            Region = e.Region, City = bill?.City ?? "", TechnicianId = e.TechnicianId ?? bill?.TechnicianId, OccurredAt = e.CreditedAt,
            Reason = e.Reason.Length > SettlementLine.ReasonMaxLength ? e.Reason[..SettlementLine.ReasonMaxLength] : e.Reason,
        });
    }

    private static async Task<SettlementLine?> BillOfAsync(ScrmDbContext db, long ticketId, CancellationToken ct) =>
        db.Tracked<SettlementLine>().FirstOrDefault(l => l.TicketId == ticketId && l.Kind == SettlementLineKind.Bill)
        ?? await db.SettlementLines.AsNoTracking().FirstOrDefaultAsync(l => l.TicketId == ticketId && l.Kind == SettlementLineKind.Bill, ct);
}
