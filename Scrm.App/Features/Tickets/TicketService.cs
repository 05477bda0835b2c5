using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Files;
using Scrm.App.Features.Forms;
using Scrm.App.Features.Shared;
using Scrm.Domain.Common;
using Scrm.Domain.Forms;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Tickets;

/// <summary>
/// Every ticket write, through the write path: one transaction holds the change, its timeline, audit and outbox rows.
/// Open screens and other modules hear of it from the outbox, never from here.
/// </summary>
public sealed class TicketService(
    WritePath writes,
    IDbContextFactory<ScrmDbContext> dbFactory,
    TicketDraftResolver drafts,
    BusinessClock businessClock,
    FormTemplates forms,
    TimeProvider clock,
    IEnumerable<ITicketMoveGate> gates)
{
    private const int NumberRaceRetries = 3;

    public async Task<CreatedTicket> CreateAsync(AccessScope scope, NewTicketRequest request,
        string? idempotencyKey = null, CancellationToken ct = default)
    {
        if (!TicketPermissions.CanCreate(scope))
            throw new AccessDeniedException("Ticket.CreateDenied", "Your role may not create tickets.");
        if (idempotencyKey is { Length: > IdempotencyRecord.KeyMaxLength })
            throw new InputRejectedException([new FieldError("Idempotency-Key", "Field.TooLong",
                $"Idempotency-Key is longer than {IdempotencyRecord.KeyMaxLength} characters.", "Idempotency-Key", IdempotencyRecord.KeyMaxLength)]);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (idempotencyKey is not null)
                    return await writes.RunAsync(scope, (db, token) => TryCreateAsync(db, scope, request, idempotencyKey, token), ct);
                // Checking the request and reading its customer need no gate; only a new customer or site is
                // written first, and that path reads again inside the write, as a keyed create does.
                return await writes.RunAsync(scope, (db, token) => ReadAsync(db, scope, request, token),
                    (db, known, token) => known switch
                    {
                        null => TryCreateAsync(db, scope, request, null, token),
                        { Unnumbered: { } ticket } => NumberAsync(db, scope, ticket, token),
                        _ => OpenAsync(db, scope, known.Draft, request.Form, token),
                    }, ct);
            }
            catch (DbUpdateException) when (attempt < NumberRaceRetries && idempotencyKey is not null)
            {
                // Another writer stored the same idempotency key first (possible without the gate, on SQL Server);
                // the next attempt finds its row and replays it.
            }
        }
    }

    private async Task<CreatedTicket> TryCreateAsync(ScrmDbContext db, AccessScope scope, NewTicketRequest request, string? idempotencyKey, CancellationToken ct)
    {
        var requestHash = idempotencyKey is null ? "" : Fingerprint(request);
        if (idempotencyKey is not null && await ReplayAsync(db, scope, idempotencyKey, requestHash, ct) is { } replay)
            return new CreatedTicket(replay, Created: false);

        var now = clock.GetUtcNow();
        var draft = await drafts.ResolveAsync(db, scope, request, now, ct);
        var ticket = await OpenTicketAsync(db, scope, draft, request.Form, now, ct);
        if (idempotencyKey is not null)
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                Caller = scope.Actor.Id, Key = idempotencyKey, TicketId = ticket.Id, RequestHash = requestHash, CreatedAt = now,
            });
        }
        return new CreatedTicket(TicketQueries.ToDetail(ticket, scope), Created: true);
    }

    /// <summary>What a create for a known customer and site does before the write gate.</summary>
    private sealed record KnownCreate(TicketDraft Draft, Ticket? Unnumbered);

    private async Task<KnownCreate?> ReadAsync(ScrmDbContext db, AccessScope scope, NewTicketRequest request, CancellationToken ct)
    {
        var known = TicketDraftResolver.DraftIfKnown(await drafts.ReadAsync(db, scope, request, ct));
        // The draft carries what the ticket needs; what was read stays out of the write's change tracking.
        db.ChangeTracker.Clear();
        if (known is null) return null;
        if (request.Form is not null) return new KnownCreate(known, null);
        // Checked, filled in and tracked here, beside the writer loop rather than in it (EF's tracking of a new ticket was
        // a fifth of a create's time in the loop); only its number, and with it its time, waits for the write.
        var ticket = Ticket.OpenUnnumbered(known, scope.Actor);
        db.Tickets.Add(ticket);
        return new KnownCreate(known, ticket);
    }

    private async Task<CreatedTicket> NumberAsync(ScrmDbContext db, AccessScope scope, Ticket ticket, CancellationToken ct) =>
        new(TicketQueries.ToDetail(await SaveNumberedAsync(db, ticket, clock.GetUtcNow(), ct), scope), Created: true);

    private async Task<CreatedTicket> OpenAsync(ScrmDbContext db, AccessScope scope, TicketDraft draft,
        Dictionary<string, object?>? form, CancellationToken ct)
    {
        var ticket = await OpenTicketAsync(db, scope, draft, form, clock.GetUtcNow(), ct);
        return new CreatedTicket(TicketQueries.ToDetail(ticket, scope), Created: true);
    }

    private async Task<Ticket> OpenTicketAsync(ScrmDbContext db, AccessScope scope, TicketDraft draft,
        Dictionary<string, object?>? form, DateTimeOffset now, CancellationToken ct)
    {
        (TicketForm Form, IReadOnlyDictionary<string, object> Values)? filled = form is null ? null : await FillFormAsync(db, draft, form, ct);
        var ticket = await OpenInAsync(db, draft, scope.Actor, now, ct, t =>
        {
            if (filled is var (template, values)) t.AttachForm(template.Key, template.Version, template.VariantVersion, values);
        });
        if (filled is var (_, taken)) await Attachments.TakeAsync(db, taken, ticket.Id, ct);
        return ticket;
    }

    /// <summary>
    /// Opens a ticket inside the caller's write (the pages' and API's create, a flow spawning a pipeline step), numbered
    /// like every other ticket, and saves it so that it has its id.
    /// </summary>
    public async Task<Ticket> OpenInAsync(ScrmDbContext db, TicketDraft draft, Actor actor, DateTimeOffset now, CancellationToken ct,
        Action<Ticket>? prepare = null)
    {
        var ticket = Ticket.OpenUnnumbered(draft, actor);
        prepare?.Invoke(ticket);
        db.Tickets.Add(ticket);
        return await SaveNumberedAsync(db, ticket, now, ct);
    }

    /// <summary>Opens a tracked, unnumbered ticket as the day's next number and saves it: the one place a ticket is numbered.</summary>
    private async Task<Ticket> SaveNumberedAsync(ScrmDbContext db, Ticket ticket, DateTimeOffset now, CancellationToken ct)
    {
        ticket.OpenAs(await NextNumberAsync(db, now, ct), now);
        await db.SaveChangesAsync(ct);
        return ticket;
    }

    /// <summary>Checks the submitted values against the published form for the ticket's type and region.</summary>
    private async Task<(TicketForm Form, IReadOnlyDictionary<string, object> Values)> FillFormAsync(ScrmDbContext db, TicketDraft draft,
        Dictionary<string, object?> submitted, CancellationToken ct)
    {
        var template = await forms.ForTicketAsync(draft.Type, draft.Region, ct)
            ?? throw new InputRejectedException([new FieldError("form", "Form.NoTemplate",
                $"No template is published for {draft.Type} tickets; send the ticket without a form.", draft.Type.ToString())]);
        var trusted = await Attachments.TrustAsync(db, template.Definition, submitted, ticketId: null, ct);
        return (template, Checked(template.Definition.Validate(trusted)));
    }

    private static IReadOnlyDictionary<string, object> Checked(FormValidation validation) => validation.IsValid
        ? validation.Values
        : throw new InputRejectedException(validation.Errors
            .Select(e => new FieldError("form." + e.FieldKey, e.Code, e.Message, [.. e.Args.Select(a => a ?? "")])).ToList());

    /// <summary>
    /// Replaces the ticket's form values, checked against the version the ticket was created with: the technician's
    /// completion fields, a dispatcher's correction. Technicians change only their own tickets.
    /// </summary>
    public async Task<TicketDetail> UpdateFormAsync(AccessScope scope, long ticketId, Dictionary<string, object?> values,
        long? expectedVersion = null, CancellationToken ct = default)
    {
        if (!TicketPermissions.CanFillForm(scope))
            throw new AccessDeniedException("Ticket.FormDenied", "Your role may not fill in ticket forms.");
        return await ChangeAsync(scope, ticketId, expectedVersion, async (db, ticket, token) =>
            {
                var form = await FormOfAsync(ticket, token)
                    ?? throw new DomainRuleException("Ticket.NoForm", "The ticket has no form to fill in.");
                var trusted = await Attachments.TrustAsync(db, form, values, ticket.Id, token);
                return Checked(form.Validate(trusted));
            },
            (t, checkedValues, now) => t.UpdateForm(checkedValues, scope.Actor, now), ct);
    }

    /// <summary>The exact form a ticket carries (its version, and its region variant's), or null when it has none.</summary>
    public Task<FormDefinition?> FormOfAsync(Ticket ticket, CancellationToken ct) =>
        ticket.FormKey is { } key && ticket.FormVersion is { } version
            ? forms.VersionAsync(key, version, ticket.Region, ticket.FormVariantVersion, ct)
            : Task.FromResult<FormDefinition?>(null);

    private static async Task<TicketDetail?> ReplayAsync(ScrmDbContext db, AccessScope scope, string key, string requestHash, CancellationToken ct)
    {
        var record = await db.IdempotencyRecords.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Caller == scope.Actor.Id && r.Key == key, ct);
        if (record is null) return null;
        if (record.RequestHash != requestHash)
            throw new DomainRuleException("Idempotency.KeyReused",
                "This Idempotency-Key was already used for a different request; use a new key.");
        return await TicketQueries.DetailAsync(db, scope, db.Tickets.Where(t => t.Id == record.TicketId), ct);
    }

    private static string Fingerprint(NewTicketRequest request) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(request)));

    private async Task<string> NextNumberAsync(ScrmDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var day = businessClock.LocalDay(now);
        var key = day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        return TicketNumber.Format(day, await WritePath.NextTicketSequenceAsync(db, key, ct));
    }

    public Task<TicketDetail> TransitionAsync(AccessScope scope, long ticketId, TicketStatus to, string? comment,
        long? expectedVersion = null, CancellationToken ct = default)
    {
        if (!TicketPermissions.CanMoveTo(scope, to))
            throw new AccessDeniedException("Ticket.TransitionDenied", $"Your role may not move tickets to {to}.");
        return ChangeAsync(scope, ticketId, expectedVersion, async (_, ticket, token) =>
                to is TicketStatus.Resolved or TicketStatus.Closed ? await FormOfAsync(ticket, token) : null,
            (t, form, now) => t.TransitionTo(to, scope.Actor, now, comment, form), ct, _ => to);
    }

    /// <summary>The assigned technician (or the office for them) turns the job down with a reason; it returns to the queue.</summary>
    public Task<TicketDetail> DeclineAsync(AccessScope scope, long ticketId, string reason, long? expectedVersion = null, CancellationToken ct = default)
    {
        if (!TicketPermissions.CanCreate(scope) && !scope.IsIn(AppRoles.Technician))
            throw new AccessDeniedException("Ticket.DeclineDenied", "Your role may not decline tickets.");
        return ChangeAsync(scope, ticketId, expectedVersion, (_, _, _) => Task.FromResult(0),
            (t, _, now) => t.Decline(scope.Actor, now, reason), ct, _ => TicketStatus.New);
    }

    public async Task<TicketDetail> AssignAsync(AccessScope scope, long ticketId, long technicianId, string? comment,
        long? expectedVersion = null, CancellationToken ct = default)
    {
        if (!TicketPermissions.CanAssign(scope))
            throw new AccessDeniedException("Ticket.AssignDenied", "Your role may not assign tickets.");
        return await ChangeAsync(scope, ticketId, expectedVersion, async (db, ticket, token) =>
            {
                var technician = await db.Technicians.AsNoTracking().FirstOrDefaultAsync(t => t.Id == technicianId, token)
                    ?? throw new NotFoundException("Technician", technicianId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return technician;
            },
            (t, technician, now) => t.AssignTo(technician, scope.Actor, now, comment), ct,
            t => t.Status == TicketStatus.Assigned ? null : TicketStatus.Assigned);
    }

    public Task<TicketDetail> EditAsync(AccessScope scope, long ticketId, string title, string? description,
        TicketPriority priority, long? expectedVersion, CancellationToken ct = default)
    {
        if (!TicketPermissions.CanEdit(scope))
            throw new AccessDeniedException("Ticket.EditDenied", "Your role may not edit tickets.");
        return ChangeAsync(scope, ticketId, expectedVersion, (t, now) => t.Edit(title, description, priority, scope.Actor, now), ct);
    }

    public Task<TicketDetail> CommentAsync(AccessScope scope, long ticketId, string text, CancellationToken ct = default)
    {
        if (!TicketPermissions.CanComment(scope))
            throw new AccessDeniedException("Ticket.CommentDenied", "Your role may not comment on tickets.");
        return ChangeAsync(scope, ticketId, null, (t, now) => t.Comment(text, scope.Actor, now), ct);
    }

    /// <summary>
    /// Every move asks the other modules first (a flow may wait for an approval); the first refusal wins. Runs inside
    /// the write's transaction, behind the write gate, so what it reads cannot change before the move commits.
    /// </summary>
    private async Task EnsureMayMoveAsync(ScrmDbContext db, Ticket ticket, TicketStatus to, CancellationToken ct)
    {
        foreach (var gate in gates)
            if (await gate.BlocksAsync(db, ticket, to, ct) is { } reason)
                throw new DomainRuleException(reason, $"The ticket's flow does not allow {to} now ({reason}).", to);
    }

    private Task<TicketDetail> ChangeAsync(AccessScope scope, long ticketId, long? expectedVersion,
        Action<Ticket, DateTimeOffset> change, CancellationToken ct) =>
        ChangeAsync(scope, ticketId, expectedVersion, (_, _, _) => Task.FromResult(0), (t, _, now) => change(t, now), ct);

    /// <summary>
    /// Loads the ticket the caller can see (and whatever else the change needs), refuses if it moved on since the
    /// caller read it (expectedVersion), applies the domain change and saves; a race lost at save time is reported
    /// the same way.
    /// </summary>
    private async Task<TicketDetail> ChangeAsync<TExtra>(AccessScope scope, long ticketId, long? expectedVersion,
        Func<ScrmDbContext, Ticket, CancellationToken, Task<TExtra>> loadExtra, Action<Ticket, TExtra, DateTimeOffset> change, CancellationToken ct,
        Func<Ticket, TicketStatus?>? moveTo = null)
    {
        Ticket changed;
        try
        {
            changed = await writes.RunAsync(scope, async (db, token) =>
            {
                var ticket = await db.Tickets.Include(t => t.Events).AsSplitQuery().FirstOrDefaultAsync(t => t.Id == ticketId, token)
                    ?? throw new NotFoundException("Ticket", ticketId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (expectedVersion is { } expected && ticket.Version != expected)
                    throw new ConcurrencyConflictException(ticket.UpdatedByName, ticket.UpdatedAt, ticket.Version);
                return (Ticket: ticket, Extra: await loadExtra(db, ticket, token));
            }, async (db, loaded, token) =>
            {
                // The other modules are asked inside the write, so a decision committed a moment earlier is seen.
                if (moveTo?.Invoke(loaded.Ticket) is { } to) await EnsureMayMoveAsync(db, loaded.Ticket, to, token);
                change(loaded.Ticket, loaded.Extra, clock.GetUtcNow());
                return loaded.Ticket;
            }, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await dbFactory.CreateForAsync(scope, ct);
            var winner = await fresh.Tickets.AsNoTracking().FirstAsync(t => t.Id == ticketId, ct);
            throw new ConcurrencyConflictException(winner.UpdatedByName, winner.UpdatedAt, winner.Version);
        }
        return TicketQueries.ToDetail(changed, scope);
    }
}
