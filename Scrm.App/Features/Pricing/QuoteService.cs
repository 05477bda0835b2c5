using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Catalog;
using Scrm.App.Features.Shared;
using Scrm.Domain.Common;
using Scrm.Domain.Pricing;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Pricing;

/// <summary>
/// Quotes on tickets: read (priced live while a draft), lines added and removed, accepted on the customer's behalf,
/// and corrections to a final bill. The ticket's query filter decides visibility: a technician reaches only their own.
/// </summary>
public sealed class QuoteService(IDbContextFactory<ScrmDbContext> dbFactory, WritePath writes, PriceBookStore books, TimeProvider clock)
{
    /// <summary>Technicians cost us this much an hour; with parts at cost it gives the bill's cost.</summary>
    public const long TechnicianHourlyCostFen = 6000;

    public static bool MayEditLines(AccessScope scope) =>
        scope.IsInAny(AppRoles.Admin, AppRoles.Manager, AppRoles.Dispatcher, AppRoles.Agent, AppRoles.Technician);

    public static bool MayAccept(AccessScope scope) => scope.IsInAny(AppRoles.Admin, AppRoles.Manager, AppRoles.Dispatcher, AppRoles.Agent);

    public static bool MayCredit(AccessScope scope) => scope.IsInAny(AppRoles.Admin, AppRoles.Finance);

    public async Task<QuoteView> GetAsync(AccessScope scope, long ticketId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var ticket = await VisibleTicketAsync(db, ticketId, ct);
        var quote = await db.TicketQuotes.AsNoTracking().Include(q => q.Lines).FirstOrDefaultAsync(q => q.TicketId == ticketId, ct);
        var credits = await db.BillCredits.AsNoTracking().Where(c => c.TicketId == ticketId).OrderBy(c => c.Id).ToListAsync(ct);
        return await ViewAsync(db, ticket, quote, credits, null, ct);
    }

    /// <summary>The quote of <paramref name="ticketId"/> priced against <paramref name="book"/> (the what-if panel's "after").</summary>
    public async Task<QuoteView> PreviewAsync(AccessScope scope, long ticketId, PriceBook book, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var ticket = await VisibleTicketAsync(db, ticketId, ct);
        var quote = await db.TicketQuotes.AsNoTracking().Include(q => q.Lines).FirstOrDefaultAsync(q => q.TicketId == ticketId, ct);
        if (quote is not null) quote.Status = QuoteStatus.Draft;
        return await ViewAsync(db, ticket, quote, [], book, ct);
    }

    /// <summary>Tickets with quote lines the caller may see, newest first: the what-if panel's samples.</summary>
    public async Task<IReadOnlyList<(long Id, string Number, string Title)>> SampleTicketsAsync(AccessScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var rows = await db.Tickets.Where(t => db.QuoteLines.Any(l => l.TicketId == t.Id)).OrderByDescending(t => t.Id).Take(30)
            .Select(t => new { t.Id, t.Number, t.Title }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Number, r.Title)).ToList();
    }

    public async Task<QuoteView> AddLineAsync(AccessScope scope, long ticketId, NewQuoteLine input, CancellationToken ct = default)
    {
        if (!MayEditLines(scope)) throw new AccessDeniedException("Quote.EditDenied", "Your role may not change quotes.");
        var (kind, code, quantity) = Check(input);
        await writes.RunAsync(scope, async (db, token) =>
        {
            var ticket = await VisibleTicketAsync(db, ticketId, token);
            var quote = await OpenQuoteAsync(db, ticket, token);
            quote.Lines.Add(await NewLineAsync(db, ticket, kind, code, quantity, input, scope, token));
            await TouchAsync(db, ticket, quote, token);
            return true;
        }, ct);
        return await GetAsync(scope, ticketId, ct);
    }

    public async Task<QuoteView> RemoveLineAsync(AccessScope scope, long ticketId, long lineId, CancellationToken ct = default)
    {
        if (!MayEditLines(scope)) throw new AccessDeniedException("Quote.EditDenied", "Your role may not change quotes.");
        await writes.RunAsync(scope, async (db, token) =>
        {
            var ticket = await VisibleTicketAsync(db, ticketId, token);
            var quote = await OpenQuoteAsync(db, ticket, token);
            var line = quote.Lines.FirstOrDefault(l => l.Id == lineId) ?? throw new NotFoundException("QuoteLine", lineId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            quote.Lines.Remove(line);
            db.QuoteLines.Remove(line);
            await TouchAsync(db, ticket, quote, token);
            return true;
        }, ct);
        return await GetAsync(scope, ticketId, ct);
    }

    /// <summary>The customer accepts the quote, recorded by staff on their behalf.</summary>
    public async Task<QuoteView> AcceptAsync(AccessScope scope, long ticketId, CancellationToken ct = default)
    {
        if (!MayAccept(scope)) throw new AccessDeniedException("Quote.AcceptDenied", "Your role may not accept quotes for the customer.");
        await RecordAcceptanceAsync(scope, ticketId, scope.Actor.Name, ct);
        return await GetAsync(scope, ticketId, ct);
    }

    /// <summary>
    /// The customer accepts the quote themself, on their progress page: the caller has already proved the ticket by its
    /// tracking token, so no staff role is asked for; the acceptance is recorded in the customer's name.
    /// </summary>
    public Task AcceptForCustomerAsync(long ticketId, string customerName, CancellationToken ct = default) =>
        RecordAcceptanceAsync(AccessScope.System, ticketId, customerName, ct);

    private Task RecordAcceptanceAsync(AccessScope scope, long ticketId, string acceptedBy, CancellationToken ct) =>
        writes.RunAsync(scope, async (db, token) =>
        {
            var ticket = await VisibleTicketAsync(db, ticketId, token);
            var quote = await OpenQuoteAsync(db, ticket, token);
            if (quote.Lines.Count == 0) throw new DomainRuleException("Quote.Empty", "An empty quote cannot be accepted.");
            quote.Status = QuoteStatus.Accepted;
            quote.AcceptedAt = clock.GetUtcNow();
            quote.AcceptedBy = acceptedBy;
            await TouchAsync(db, ticket, quote, token, keepAcceptance: true);
            return true;
        }, ct);

    /// <summary>A correction to a final bill: a credit line (negative) or surcharge, raising BillCredited; the bill's lines stay.</summary>
    public async Task<QuoteView> CreditAsync(AccessScope scope, long ticketId, NewBillCredit input, CancellationToken ct = default)
    {
        if (!MayCredit(scope)) throw new AccessDeniedException("Quote.CreditDenied", "Only Finance and Admins may correct a bill.");
        var errors = new List<FieldError>();
        if (input.AmountFen is null or 0) errors.Add(new FieldError("amountFen", "Field.Required", "amountFen must be a non-zero amount in fen.", "amountFen"));
        if (string.IsNullOrWhiteSpace(input.Reason)) errors.Add(new FieldError("reason", "Field.Required", "reason is required.", "reason"));
        if (errors.Count > 0) throw new InputRejectedException(errors);
        await writes.RunAsync(scope, async (db, token) =>
        {
            var ticket = await VisibleTicketAsync(db, ticketId, token);
            var quote = await db.TicketQuotes.FirstOrDefaultAsync(q => q.TicketId == ticketId, token);
            if (quote is not { Status: QuoteStatus.Final }) throw new DomainRuleException("Quote.NotFinal", "Only a final bill takes corrections.");
            var now = clock.GetUtcNow();
            var reason = input.Reason!.Trim();
            db.BillCredits.Add(new BillCreditRow { TicketId = ticketId, AmountFen = input.AmountFen!.Value, Reason = reason[..Math.Min(200, reason.Length)], CreatedAt = now, CreatedBy = scope.Actor.Name });
            quote.Version++;
            quote.Raise(new BillCredited(ticketId, ticket.Number, ticket.Region, ticket.AssigneeId, input.AmountFen.Value, 0, reason, now) { OccurredAt = now });
            return true;
        }, ct);
        return await GetAsync(scope, ticketId, ct);
    }

    internal static async Task<Ticket> VisibleTicketAsync(ScrmDbContext db, long ticketId, CancellationToken ct) =>
        await db.Tickets.FirstOrDefaultAsync(t => t.Id == ticketId, ct)
        ?? throw new NotFoundException("Ticket", ticketId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<TicketQuote> OpenQuoteAsync(ScrmDbContext db, Ticket ticket, CancellationToken ct)
    {
        if (ticket.Status is TicketStatus.Closed or TicketStatus.Cancelled)
            throw new DomainRuleException("Quote.TicketClosed", "A closed or cancelled ticket's quote cannot change.");
        var quote = await db.TicketQuotes.Include(q => q.Lines).FirstOrDefaultAsync(q => q.TicketId == ticket.Id, ct);
        if (quote is null)
        {
            quote = new TicketQuote { TicketId = ticket.Id, Region = ticket.Region, Urgency = PricingContexts.UrgencyOf(ticket.Priority) };
            db.TicketQuotes.Add(quote);
        }
        if (quote.Status == QuoteStatus.Final) throw new DomainRuleException("Quote.Final", "The bill is final; corrections are credit lines.");
        return quote;
    }

    /// <summary>A changed quote needs the customer's acceptance again, and tells live pages its new total.</summary>
    private async Task TouchAsync(ScrmDbContext db, Ticket ticket, TicketQuote quote, CancellationToken ct, bool keepAcceptance = false)
    {
        if (!keepAcceptance && quote.Status == QuoteStatus.Accepted)
        {
            quote.Status = QuoteStatus.Draft;
            quote.AcceptedAt = null;
            quote.AcceptedBy = null;
        }
        quote.Version++;
        var context = await PricingContexts.ForAsync(db, ticket, quote.Urgency, ct);
        var book = await books.CurrentAsync(ct);
        var priced = PriceEngine.Quote(book, context, quote.Lines.Select(l => l.ToInput()).ToList());
        var now = clock.GetUtcNow();
        quote.Raise(new QuoteUpdated(ticket.Id, ticket.Region, priced.TotalFen) { OccurredAt = now });
        quote.NoteThresholds(book, priced.TotalFen, now);
    }

    private static (LineKind Kind, string Code, decimal Quantity) Check(NewQuoteLine input)
    {
        var errors = new List<FieldError>();
        if (!EnumNames.TryParse<LineKind>(input.Kind, out var kind)) errors.Add(FieldError.NotOneOf<LineKind>("kind"));
        var code = input.Code?.Trim() ?? "";
        if (kind == LineKind.Labour && code.Length == 0) code = PriceBook.LabourCode;
        if (code.Length == 0 && kind != LineKind.Other) errors.Add(new FieldError("code", "Field.Required", "code is required.", "code"));
        if (input.Quantity is not { } quantity || quantity <= 0 || quantity > PriceEngine.MaxQuantity || decimal.Round(quantity, 2) != quantity)
            errors.Add(new FieldError("quantity", "Quote.BadQuantity", "quantity must be above 0, at most 100000, with at most two decimals.", "quantity"));
        if (kind == LineKind.Other && (input.PriceFen is null or < 0))
            errors.Add(new FieldError("priceFen", "Pricing.NegativePrice", "An 'Other' line needs a price in fen, 0 or more.", "priceFen"));
        if (kind == LineKind.Other && string.IsNullOrWhiteSpace(input.Description))
            errors.Add(new FieldError("description", "Field.Required", "description is required for an 'Other' line.", "description"));
        if (errors.Count > 0) throw new InputRejectedException(errors);
        return (kind, code.Length == 0 ? "OTHER" : code, input.Quantity!.Value);
    }

    private async Task<QuoteLineRow> NewLineAsync(ScrmDbContext db, Ticket ticket, LineKind kind, string code, decimal quantity, NewQuoteLine input,
        AccessScope scope, CancellationToken ct)
    {
        var line = new QuoteLineRow
        {
            TicketId = ticket.Id, Kind = kind, Code = code, Quantity = quantity, AddedBy = scope.Actor.Name, AddedAt = clock.GetUtcNow(),
        };
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var deviceWarranty = ticket.DeviceId is { } deviceId &&
            await db.Devices.IgnoreQueryFilters().AnyAsync(d => d.Id == deviceId && d.WarrantyEnd >= today, ct);
        switch (kind)
        {
            case LineKind.Part:
                var part = await db.Parts.AsNoTracking().FirstOrDefaultAsync(p => p.Sku == code, ct) ?? throw Unknown(code);
                (line.Code, line.Category, line.Description, line.ListPriceFen, line.UnitCostFen, line.PartId) =
                    (part.Sku, part.Category, part.Name, part.ListPriceFen, part.CostFen, part.Id);
                break;
            case LineKind.ServiceItem:
                var item = await db.ServiceItems.AsNoTracking().FirstOrDefaultAsync(i => i.Code == code, ct) ?? throw Unknown(code);
                (line.Code, line.Category, line.Description, line.ListPriceFen) = (item.Code, item.Category, item.Name, item.LabourPriceFen);
                line.UnitCostFen = PriceEngine.Round(item.StandardMinutes / 60m * TechnicianHourlyCostFen);
                break;
            case LineKind.Labour:
                (line.Category, line.Description, line.UnitCostFen) = ("工时", "人工工时", TechnicianHourlyCostFen);
                break;
            default:
                (line.Category, line.Description, line.ListPriceFen) = ("其他", input.Description!.Trim(), input.PriceFen);
                break;
        }
        if (!string.IsNullOrWhiteSpace(input.Description)) line.Description = input.Description.Trim();
        line.Description = line.Description[..Math.Min(200, line.Description.Length)];
        line.UnderWarranty = input.UnderWarranty ?? (deviceWarranty && kind is LineKind.Part or LineKind.Labour or LineKind.ServiceItem);
        return line;
    }

    private static InputRejectedException Unknown(string code) =>
        new([new FieldError("code", "Quote.UnknownItem", $"No catalogue item has the code {code}.", "code")]);

    private async Task<QuoteView> ViewAsync(ScrmDbContext db, Ticket ticket, TicketQuote? quote, List<BillCreditRow> credits, PriceBook? book,
        CancellationToken ct)
    {
        var creditViews = credits.Select(c => new BillCreditView(c.Id, c.AmountFen, c.Reason, c.CreatedAt, c.CreatedBy)).ToList();
        var lines = quote?.Lines.OrderBy(l => l.Id).ToList() ?? [];
        var urgency = quote?.Urgency ?? PricingContexts.UrgencyOf(ticket.Priority);
        if (quote is { Status: QuoteStatus.Final })
        {
            var frozen = lines.Select(l => new QuoteLineView(l.Id, l.Code, l.Kind, l.Category, l.Description, l.Quantity, l.UnitPriceFen ?? 0,
                l.GrossFen ?? 0, l.DiscountFen ?? 0, l.NetFen ?? 0, l.UnderWarranty,
                l.RulesJson is null ? [] : DomainJson.Deserialize<List<AppliedRule>>(l.RulesJson))).ToList();
            return new QuoteView(ticket.Id, ticket.Number, quote.Status, urgency, frozen, quote.LabourFen, quote.PartsFen, quote.OtherFen,
                quote.DiscountFen, quote.TotalFen, quote.Flags.Length == 0 ? [] : quote.Flags.Split(','), [], creditViews, quote.AcceptedAt, quote.FinalisedAt);
        }
        var context = await PricingContexts.ForAsync(db, ticket, urgency, ct);
        var priced = PriceEngine.Quote(book ?? await books.CurrentAsync(ct), context, lines.Select(l => l.ToInput()).ToList());
        var views = lines.Select((l, i) =>
        {
            var p = priced.Lines[i];
            return new QuoteLineView(l.Id, l.Code, l.Kind, l.Category, l.Description, l.Quantity, p.UnitPriceFen, p.GrossFen, p.DiscountFen, p.NetFen,
                l.UnderWarranty, p.Rules);
        }).ToList();
        return new QuoteView(ticket.Id, ticket.Number, quote?.Status ?? QuoteStatus.Draft, urgency, views, priced.LabourFen, priced.PartsFen,
            priced.OtherFen, priced.DiscountFen, priced.TotalFen, priced.Flags, priced.Problems, creditViews, quote?.AcceptedAt, quote?.FinalisedAt);
    }
}
