namespace Scrm.Domain.Tickets;

/// <summary>One line of a ticket's timeline: who changed what, when, from what to what.</summary>
public sealed class TicketEvent
{
    public const int ValueMaxLength = 4000;
    public const int FieldMaxLength = 40;

    private TicketEvent() { }

    internal TicketEvent(DateTimeOffset at, Common.Actor actor, TicketEventKind kind,
        string? field = null, string? before = null, string? after = null, string? comment = null)
    {
        At = at;
        ActorId = actor.Id;
        ActorName = actor.Name;
        Kind = kind;
        Field = field;
        Before = before;
        After = after;
        Comment = comment;
    }

    /// <summary>Fills in the opening line of a ticket being opened: when, and the number it was given.</summary>
    internal void Stamp(DateTimeOffset at, string number) => (At, After) = (at, number);

    public long Id { get; private set; }
    public long TicketId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string ActorId { get; private set; } = "";
    public string ActorName { get; private set; } = "";
    public TicketEventKind Kind { get; private set; }
    public string? Field { get; private set; }
    public string? Before { get; private set; }
    public string? After { get; private set; }
    public string? Comment { get; private set; }
}
