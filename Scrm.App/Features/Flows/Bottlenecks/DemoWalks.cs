using Scrm.App.Features.Flows.Runtime;
using Scrm.Domain.Flows;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Flows.Bottlenecks;

/// <summary>How one demo ticket went through its sample flow: a visit per node, open where the ticket stands now.</summary>
internal sealed class DemoWalks
{
    private readonly List<FlowNodeVisit> _visits = [];
    private readonly Ticket _ticket;
    private readonly string _key;
    private readonly DateTimeOffset _now;
    private readonly Random _rng;
    private DateTimeOffset _at;

    private DemoWalks(Ticket ticket, string key, DateTimeOffset now, Random rng) =>
        (_ticket, _key, _now, _rng, _at) = (ticket, key, now, rng, ticket.CreatedAt);

    public static IEnumerable<FlowNodeVisit> Of(Ticket ticket, DateTimeOffset now, Random rng) => ticket.Type switch
    {
        TicketType.Repair => new DemoWalks(ticket, SampleFlows.Repair().Key, now, rng).Repair(),
        TicketType.Installation => new DemoWalks(ticket, SampleFlows.Installation().Key, now, rng).Installation(),
        TicketType.Complaint => new DemoWalks(ticket, SampleFlows.Complaint().Key, now, rng).Complaint(),
        TicketType.Maintenance when ticket.Id % 2 == 0 => new DemoWalks(ticket, SampleFlows.DiscountApproval().Key, now, rng).Discount(),
        _ => [],
    };

    /// <summary>The lifecycle tasks fill the time up to resolving; confirming waits for the closing, settling follows it.</summary>
    private List<FlowNodeVisit> Repair()
    {
        Pass("start");
        var resolved = _ticket.ResolvedAt ?? _now;
        var share = (resolved - _at).TotalMinutes;
        var waits = new[] { 0.15, 0.15, 0.3, 0.4 }.Select(w => w * (0.6 + _rng.NextDouble() * 0.8)).ToArray();
        string[] tasks = ["dispatch", "accept", "onsite", "repair"];
        var standsAt = _ticket.Status switch
        {
            TicketStatus.New => 0,
            TicketStatus.Assigned => 1,
            TicketStatus.Accepted or TicketStatus.EnRoute => 2,
            TicketStatus.OnSite or TicketStatus.InProgress or TicketStatus.OnHold => 3,
            TicketStatus.Resolved => 4,
            _ => 5,
        };
        for (var i = 0; i < tasks.Length; i++)
        {
            if (i == standsAt) return Open(tasks[i]);
            Stay(tasks[i], share * waits[i] / waits.Sum());
        }
        if (standsAt == 4) return Open("confirm");
        Stay("confirm", ((_ticket.ClosedAt ?? _now) - _at).TotalMinutes);
        if (_ticket.ClosedAt is { } closed && _now - closed < TimeSpan.FromHours(6)) return Open("settle");
        Stay("settle", Minutes(30, 180));
        Pass("end");
        return _visits;
    }

    /// <summary>Stock and appointment in parallel; the trades take days.</summary>
    private List<FlowNodeVisit> Installation()
    {
        Pass("start");
        Pass("split");
        var split = _at;
        var stock = Stay("stock", Minutes(120, 1440));
        _at = split;
        var book = Stay("book", Minutes(60, 480));
        _at = stock > book ? stock : book;
        Pass("join");
        if (_ticket.Status != TicketStatus.Closed) return Open("pipeline");
        Stay("pipeline", Minutes(1440, 4320));
        Stay("handover", Minutes(60, 300));
        Pass("end");
        return _visits;
    }

    /// <summary>A manager has two hours; one in five takes longer. Gold and platinum customers get a call back.</summary>
    private List<FlowNodeVisit> Complaint()
    {
        Pass("start");
        Pass("ack");
        if (_ticket.Status != TicketStatus.Closed) return Open("handle");
        Stay("handle", _rng.Next(5) == 0 ? Minutes(120, 360) : Minutes(30, 110));
        Pass("tier");
        if (_rng.Next(3) == 0) Stay("callback", Minutes(60, 720));
        Pass("end");
        return _visits;
    }

    /// <summary>Requests are filled in quickly; approvals wait on the approvers (a limit of four hours, often missed).</summary>
    private List<FlowNodeVisit> Discount()
    {
        Pass("start");
        Stay("quote", Minutes(15, 120));
        if (_ticket.Status != TicketStatus.Closed) return Open("approve");
        Stay("approve", Minutes(60, 600));
        Pass(_rng.Next(4) == 0 ? "refused" : "granted");
        Pass("end");
        return _visits;
    }

    private double Minutes(double least, double most) => least + _rng.NextDouble() * (most - least);

    private DateTimeOffset Stay(string nodeId, double minutes)
    {
        var left = _at.AddMinutes(Math.Max(0, minutes));
        _visits.Add(Visit(nodeId, left));
        return _at = left;
    }

    private void Pass(string nodeId) => _visits.Add(Visit(nodeId, _at));

    private List<FlowNodeVisit> Open(string nodeId)
    {
        _visits.Add(Visit(nodeId, null));
        return _visits;
    }

    private FlowNodeVisit Visit(string nodeId, DateTimeOffset? left) => new()
    {
        TicketId = _ticket.Id, TemplateKey = _key, FlowVersion = DemoFlowHistory.Version, NodeId = nodeId, EnteredAt = _at,
        LeftAt = left is { } l && l > _now ? null : left,
    };
}
