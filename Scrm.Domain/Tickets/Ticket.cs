using Scrm.Domain.Common;
using Scrm.Domain.Dispatch;

namespace Scrm.Domain.Tickets;

/// <summary>A service work order (工单): one need of one customer at one site, and its whole history.</summary>
public sealed class Ticket : IHasDomainEvents, IAuditable
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
    public const int AddressMaxLength = 200;
    public const int CommentMaxLength = 1000;
    public const int NameMaxLength = 100;

    private readonly List<TicketEvent> _events = [];
    private readonly List<DomainEvent> _domainEvents = [];

    private Ticket() { }

    public long Id { get; private set; }
    public string Number { get; private set; } = "";
    public TicketType Type { get; private set; }
    public string Title { get; private set; } = "";
    public string? Description { get; private set; }
    public TicketPriority Priority { get; private set; }
    public TicketStatus Status { get; private set; }
    public long CustomerId { get; private set; }
    public string CustomerName { get; private set; } = "";
    public long? SiteId { get; private set; }
    public long? DeviceId { get; private set; }
    /// <summary>The ticket whose flow spawned this one as a pipeline step; null for a ticket of its own.</summary>
    public long? ParentTicketId { get; private set; }
    public string SiteAddress { get; private set; } = "";
    public string City { get; private set; } = "";
    public string Region { get; private set; } = "";
    public double Lat { get; private set; }
    public double Lng { get; private set; }
    public long? AssigneeId { get; private set; }
    public string? AssigneeName { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedByName { get; private set; } = "";
    public DateTimeOffset? ResolvedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>When the customer was told the technician is nearly there, on this trip (cleared when a new trip starts).</summary>
    public DateTimeOffset? ArrivalAnnouncedAt { get; private set; }

    /// <summary>The template the ticket was created with (null: none), kept at that version for good.</summary>
    public string? FormKey { get; private set; }
    public int? FormVersion { get; private set; }

    /// <summary>The region variant's version applied on top, when the ticket's region had one.</summary>
    public int? FormVariantVersion { get; private set; }

    /// <summary>The form's values as the validator cleaned them, as JSON (field key → value).</summary>
    public string? FormValues { get; private set; }

    /// <summary>The customer's rating of the finished work, 1–5 stars (once per ticket); null until rated.</summary>
    public int? CustomerRating { get; private set; }
    public string? CustomerRatingComment { get; private set; }
    public DateTimeOffset? RatedAt { get; private set; }

    public const int MinStars = 1;
    public const int MaxStars = 5;

    /// <summary>Incremented on every change; a save that finds another version lost a race.</summary>
    public long Version { get; private set; }

    /// <summary>The timeline: what people read.</summary>
    public IReadOnlyCollection<TicketEvent> Events => _events.AsReadOnly();

    /// <summary>What happened since the last save, for code to react to; the write path stores and clears them.</summary>
    public IReadOnlyList<DomainEvent> DomainEvents => _domainEvents.AsReadOnly();

    long IHasDomainEvents.AggregateKey => Id;

    public void ClearDomainEvents() => _domainEvents.Clear();

    public static Ticket Open(TicketDraft draft, string number, Actor actor, DateTimeOffset now)
    {
        var ticket = OpenUnnumbered(draft, actor);
        ticket.OpenAs(number, now);
        return ticket;
    }

    /// <summary>
    /// A ticket checked and filled in from <paramref name="draft"/> but not opened yet: it gets its number and its time,
    /// stamped on its first timeline line too, from <see cref="OpenAs(string, DateTimeOffset)"/>, inside the write that
    /// takes the day's next number. Everything that can be done before that write is done here.
    /// </summary>
    public static Ticket OpenUnnumbered(TicketDraft draft, Actor actor)
    {
        if (draft.CustomerId <= 0)
            throw new DomainRuleException("Field.Required", "customer is required.", "customer");
        var ticket = new Ticket
        {
            Type = Guard.Defined(draft.Type, "type"),
            Title = Guard.Text(draft.Title, "title", TitleMaxLength),
            Description = NullIfEmpty(Guard.Text(draft.Description, "description", DescriptionMaxLength, required: false)),
            Priority = Guard.Defined(draft.Priority, "priority"),
            Status = TicketStatus.New,
            CustomerId = draft.CustomerId,
            CustomerName = Guard.Text(draft.CustomerName, "customer", NameMaxLength),
            SiteId = draft.SiteId,
            DeviceId = draft.DeviceId,
            ParentTicketId = draft.ParentTicketId,
            SiteAddress = Guard.Text(draft.SiteAddress, "address", AddressMaxLength),
            City = Guard.Text(draft.City, "city", Geo.City.NameMaxLength),
            Region = Guard.Text(draft.Region, "region", Geo.Regions.NameMaxLength),
            Lat = draft.Location.Lat,
            Lng = draft.Location.Lng,
            _openedBy = actor,
        };
        // The timeline's first line is there from the start, stamped when the ticket is opened: a ticket tracked before
        // it is numbered (the create path, outside the write) then brings its line along, and opening it only fills in.
        ticket._events.Add(new TicketEvent(default, actor, TicketEventKind.Created));
        return ticket;
    }

    private Actor? _openedBy;

    /// <summary>Opens an unnumbered ticket at <paramref name="now"/> as <paramref name="number"/>; a ticket is numbered once.</summary>
    public void OpenAs(string number, DateTimeOffset now)
    {
        if (_openedBy is not { } actor)
            throw new DomainRuleException("Ticket.Numbered", $"Ticket {Number} already has its number.", Number);
        if (!TicketNumber.IsValid(number))
            throw new DomainRuleException("Ticket.BadNumber", $"'{number}' is not a ticket number.", number);
        (Number, CreatedAt, _openedBy) = (number, now, null);
        Touch(actor, now);
        _events.Single(e => e.Kind == TicketEventKind.Created).Stamp(now, number);
        Raise(new TicketCreated(Type, Priority, CustomerId, City), actor, now);
    }

    /// <summary>Fills in the template's values when the ticket is opened; <paramref name="values"/> must have passed its validator.</summary>
    public void AttachForm(string key, int version, int? variantVersion, IReadOnlyDictionary<string, object> values)
    {
        if (FormKey is not null) throw new DomainRuleException("Ticket.FormAttached", "The ticket already has its form.");
        (FormKey, FormVersion, FormVariantVersion) = (key, version, variantVersion);
        FormValues = System.Text.Json.JsonSerializer.Serialize(values);
    }

    /// <summary>Replaces the form's values (validated against the ticket's own version), e.g. the technician's completion fields.</summary>
    public void UpdateForm(IReadOnlyDictionary<string, object> values, Actor actor, DateTimeOffset now)
    {
        if (FormKey is null) throw new DomainRuleException("Ticket.NoForm", "The ticket has no form to fill in.");
        if (Status is TicketStatus.Closed or TicketStatus.Cancelled)
            throw new DomainRuleException("Ticket.ClosedForEdits", $"A ticket in {Status} can no longer be edited.", Status);
        var json = System.Text.Json.JsonSerializer.Serialize(values);
        if (json == FormValues) return;
        FormValues = json;
        _events.Add(new TicketEvent(now, actor, TicketEventKind.FieldChanged, "Form"));
        Touch(actor, now);
        Raise(new TicketEdited(["Form"]), actor, now);
    }

    /// <summary>The stored form values as the validator reads them back (JSON elements).</summary>
    public IReadOnlyDictionary<string, object?> StoredFormValues() => FormValues is null
        ? new Dictionary<string, object?>()
        : System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, System.Text.Json.JsonElement>>(FormValues)!
            .ToDictionary(p => p.Key, p => (object?)p.Value);

    /// <summary>
    /// Moves the ticket along its life cycle; refuses moves the workflow does not allow. Resolving or closing a ticket
    /// with a form needs <paramref name="form"/>, the ticket's own version: a required-to-close field left empty refuses it.
    /// </summary>
    public void TransitionTo(TicketStatus to, Actor actor, DateTimeOffset now, string? comment = null, Forms.FormDefinition? form = null)
    {
        Guard.Defined(to, "to");
        if (to is TicketStatus.Resolved or TicketStatus.Closed && FormKey is not null)
        {
            var definition = form ?? throw new InvalidOperationException("Resolving a ticket with a form needs the form's definition.");
            var missing = Forms.FormValidator.MissingToClose(definition, StoredFormValues());
            if (missing.Count > 0)
            {
                var labels = string.Join("、", missing.Select(m => definition.Find(m.FieldKey)?.LabelZh ?? m.FieldKey));
                throw new DomainRuleException("Ticket.FormIncomplete", $"Fill in before {to}: {labels}.", labels, to);
            }
        }
        comment = NullIfEmpty(Guard.Text(comment, "comment", CommentMaxLength, required: false));
        TicketWorkflow.EnsureCanMove(Status, to, AssigneeId is not null, comment);
        var from = Status;
        var previousAssignee = AssigneeId;
        Status = to;
        if (to == TicketStatus.Resolved) ResolvedAt = now;
        if (to == TicketStatus.Closed) ClosedAt = now;
        if (to is TicketStatus.Reopened) (ResolvedAt, ClosedAt) = (null, null);
        if (to is TicketStatus.EnRoute) ArrivalAnnouncedAt = null;
        if (to == TicketStatus.New) (AssigneeId, AssigneeName) = (null, null);
        Touch(actor, now);
        _events.Add(new TicketEvent(now, actor, TicketEventKind.StatusChanged,
            nameof(Status), from.ToString(), to.ToString(), comment));
        Raise(new TicketStatusChanged(from, to, comment, previousAssignee), actor, now);
    }

    /// <summary>
    /// The customer confirms the work is done (确认完成 on the progress page): a resolved ticket closes. Anything else
    /// is refused, so a stale page cannot close a reopened ticket.
    /// </summary>
    public void ConfirmCompletion(Actor customer, DateTimeOffset now, Forms.FormDefinition? form = null)
    {
        if (Status != TicketStatus.Resolved)
            throw new DomainRuleException("Ticket.NotResolved", $"Only a resolved ticket can be confirmed; this one is {Status}.", Status);
        TransitionTo(TicketStatus.Closed, customer, now, form: form);
        Raise(new TicketCompletionConfirmed(), customer, now);
    }

    /// <summary>
    /// The customer rates the finished work, once: 1–5 stars and an optional comment, on a closed ticket. Raises
    /// <see cref="TicketRated"/>, which the technician's average is built from.
    /// </summary>
    public void Rate(int stars, string? comment, Actor customer, DateTimeOffset now)
    {
        if (stars is < MinStars or > MaxStars)
            throw new DomainRuleException("Rating.StarsOutOfRange", $"A rating is {MinStars} to {MaxStars} stars.", "stars", MinStars, MaxStars);
        if (Status != TicketStatus.Closed)
            throw new DomainRuleException("Ticket.NotClosed", $"Only a closed ticket can be rated; this one is {Status}.", Status);
        if (CustomerRating is not null)
            throw new DomainRuleException("Ticket.AlreadyRated", "This ticket has been rated already.");
        var note = NullIfEmpty(Guard.Text(comment, "comment", CommentMaxLength, required: false));
        (CustomerRating, CustomerRatingComment, RatedAt) = (stars, note, now);
        _events.Add(new TicketEvent(now, customer, TicketEventKind.Rated, "Rating", after: stars.ToString(System.Globalization.CultureInfo.InvariantCulture), comment: note));
        Touch(customer, now);
        Raise(new TicketRated(stars, note), customer, now);
    }

    /// <summary>
    /// The technician on the way is about <paramref name="etaMinutes"/> from the site: said once per trip, for the
    /// notification rules ("arriving in 15 minutes") and the customer's progress page. False when already said or not on the way.
    /// </summary>
    public bool AnnounceArrival(int etaMinutes, Actor actor, DateTimeOffset now)
    {
        if (Status != TicketStatus.EnRoute || ArrivalAnnouncedAt is not null) return false;
        ArrivalAnnouncedAt = now;
        Touch(actor, now);
        Raise(new TechnicianArriving(etaMinutes), actor, now);
        return true;
    }

    /// <summary>
    /// The assigned technician turns the job down, saying why; it goes back to the queue (New) for someone else.
    /// </summary>
    public void Decline(Actor actor, DateTimeOffset now, string reason)
    {
        if (Status != TicketStatus.Assigned)
            throw new DomainRuleException("Ticket.CannotDecline", $"Only an assigned ticket can be declined; this one is {Status}.", Status);
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainRuleException("Ticket.CommentRequired", "Declining a ticket needs a reason.", TicketStatus.New);
        TransitionTo(TicketStatus.New, actor, now, reason);
    }

    /// <summary>
    /// Gives the ticket to a technician who serves its region; a new or reopened ticket becomes Assigned.
    /// </summary>
    public void AssignTo(Technician technician, Actor actor, DateTimeOffset now, string? comment = null)
    {
        if (!TicketWorkflow.IsAssignable(Status))
            throw new DomainRuleException("Ticket.CannotAssign",
                $"A ticket in {Status} cannot be (re)assigned.", Status);
        if (!technician.Serves(Region))
            throw new DomainRuleException("Ticket.TechnicianOutsideRegion",
                $"{technician.Name} works in {technician.Region}, not in {Region}.", technician.Name, technician.Region, Region);
        var name = Guard.Text(technician.Name, "assignee", NameMaxLength);
        var note = NullIfEmpty(Guard.Text(comment, "comment", CommentMaxLength, required: false));
        if (AssigneeId == technician.Id && Status == TicketStatus.Assigned) return;
        if (AssigneeId != technician.Id)
        {
            var previous = AssigneeId;
            _events.Add(new TicketEvent(now, actor, TicketEventKind.Assigned, nameof(AssigneeName), AssigneeName, name, note));
            (AssigneeId, AssigneeName) = (technician.Id, name);
            Touch(actor, now);
            Raise(new TicketAssigned(previous, technician.Id, name), actor, now);
        }
        if (Status != TicketStatus.Assigned) TransitionTo(TicketStatus.Assigned, actor, now);
    }

    /// <summary>Edits what the ticket is about; each changed field gets its own timeline line.</summary>
    public void Edit(string title, string? description, TicketPriority priority, Actor actor, DateTimeOffset now)
    {
        if (!TicketWorkflow.IsWorkInHand(Status))
            throw new DomainRuleException("Ticket.ClosedForEdits", $"A ticket in {Status} can no longer be edited.", Status);
        title = Guard.Text(title, "title", TitleMaxLength);
        description = NullIfEmpty(Guard.Text(description, "description", DescriptionMaxLength, required: false));
        priority = Guard.Defined(priority, "priority");
        var fields = new List<string>();
        if (Change(nameof(Title), Title, title, v => Title = v, actor, now)) fields.Add(nameof(Title));
        if (Change(nameof(Description), Description, description, v => Description = v, actor, now)) fields.Add(nameof(Description));
        if (Change(nameof(Priority), Priority.ToString(), priority.ToString(), _ => Priority = priority, actor, now)) fields.Add(nameof(Priority));
        if (fields.Count == 0) return;
        Touch(actor, now);
        Raise(new TicketEdited(fields), actor, now);
    }

    public void Comment(string text, Actor actor, DateTimeOffset now)
    {
        var comment = Guard.Text(text, "comment", CommentMaxLength);
        _events.Add(new TicketEvent(now, actor, TicketEventKind.Commented, comment: comment));
        Touch(actor, now);
        Raise(new TicketCommented(comment), actor, now);
    }

    /// <summary>
    /// Puts an escalation on the timeline and raises <see cref="TicketEscalated"/> for whoever must hear of it.
    /// Does not change what the ticket is, so it never conflicts with a person editing it.
    /// </summary>
    public void RecordEscalation(string source, string action, string? role, string reason, Actor actor, DateTimeOffset now)
    {
        var text = Guard.Text(reason, "reason", CommentMaxLength);
        _events.Add(new TicketEvent(now, actor, TicketEventKind.Escalated, Clip(action), before: source, after: role, comment: text));
        Raise(new TicketEscalated(source, action, role, text), actor, now);
    }

    /// <summary>
    /// An SLA clock used <paramref name="atPercent"/> % of its target: an SLA line on the timeline (its
    /// <see cref="TicketEvent.Before"/> is "metric:percent", which <see cref="SlaWarningKey"/> gives) and
    /// <see cref="TicketSlaWarning"/>. The SLA module raises it once per clock and step; a second call in the same
    /// write is ignored. <paramref name="label"/> is what the timeline shows.
    /// </summary>
    public bool RecordSlaWarning(string metric, int atPercent, DateTimeOffset dueAt, string label, Actor actor, DateTimeOffset now)
    {
        var key = SlaWarningKey(metric, atPercent);
        if (HasUnsavedLine(SlaWarningField, key)) return false;
        _events.Add(new TicketEvent(now, actor, TicketEventKind.Sla, SlaWarningField, before: key, after: Clip(label, TicketEvent.ValueMaxLength)));
        Raise(new TicketSlaWarning(metric, atPercent, dueAt), actor, now);
        return true;
    }

    /// <summary>
    /// An SLA clock passed its target at <paramref name="breachedAt"/> (back-dated after a repair): an SLA line whose
    /// <see cref="TicketEvent.Before"/> is the metric, and <see cref="TicketSlaBreached"/>. Once per clock; a second
    /// call in the same write is ignored.
    /// </summary>
    public bool RecordSlaBreach(string metric, DateTimeOffset dueAt, DateTimeOffset breachedAt, string label, Actor actor, DateTimeOffset now)
    {
        if (HasUnsavedLine(SlaBreachField, metric)) return false;
        _events.Add(new TicketEvent(now, actor, TicketEventKind.Sla, SlaBreachField, before: metric, after: Clip(label, TicketEvent.ValueMaxLength)));
        Raise(new TicketSlaBreached(metric, dueAt, breachedAt), actor, now);
        return true;
    }

    /// <summary>The timeline field of SLA warning and breach lines.</summary>
    public const string SlaWarningField = "SlaWarning", SlaBreachField = "SlaBreached";

    public static string SlaWarningKey(string metric, int atPercent) => $"{metric}:{atPercent}";

    private bool HasUnsavedLine(string field, string before) =>
        _events.Any(e => e.Id == 0 && e.Kind == TicketEventKind.Sla && e.Field == field && e.Before == before);

    /// <summary>
    /// A flow or SLA line on the timeline (<paramref name="kind"/> Flow or Sla): <paramref name="what"/> is a short code
    /// the page translates, <paramref name="detail"/> its argument. Does not change what the ticket is.
    /// </summary>
    public void Note(TicketEventKind kind, string what, string? detail, Actor actor, DateTimeOffset now, string? comment = null)
    {
        if (kind is not (TicketEventKind.Flow or TicketEventKind.Sla))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only flow and SLA lines are notes.");
        var note = comment is null ? null : NullIfEmpty(Guard.Text(comment, "comment", CommentMaxLength, required: false));
        _events.Add(new TicketEvent(now, actor, kind, Clip(what), after: detail is null ? null : Clip(detail, TicketEvent.ValueMaxLength), comment: note));
        Raise(new TicketNoted(kind, what, detail), actor, now);
    }

    private static string Clip(string text, int max = TicketEvent.FieldMaxLength) => text.Length <= max ? text : text[..max];

    private void Raise(TicketDomainEvent e, Actor actor, DateTimeOffset now) => _domainEvents.Add(e with
    {
        AggregateId = Id, AggregateVersion = Version, OccurredAt = now,
        Number = Number, Region = Region, Status = Status, AssigneeId = AssigneeId,
        ActorId = actor.Id, ActorName = actor.Name,
    });

    private bool Change(string field, string? before, string? after, Action<string> apply, Actor actor, DateTimeOffset now)
    {
        if (before == after) return false;
        apply(after!);
        _events.Add(new TicketEvent(now, actor, TicketEventKind.FieldChanged, field, before, after));
        return true;
    }

    private void Touch(Actor actor, DateTimeOffset now)
    {
        UpdatedAt = now;
        UpdatedByName = actor.Name;
        Version++;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
