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

    private readonly double _scale;

    /// <summary>An open ticket is at most two days old: its steps so far are squeezed into its age.</summary>
    private DemoWalks(Ticket ticket, string key, DateTimeOffset now, Random rng)
    {
        (_ticket, _key, _now, _rng, _at) = (ticket, key, now, rng, ticket.CreatedAt);
        _scale = ticket.Status == TicketStatus.Closed ? 1 : Math.Min(1, (now - ticket.CreatedAt).TotalMinutes / 1500);
    }

    public static IEnumerable<FlowNodeVisit> Of(Ticket ticket, DateTimeOffset now, Random rng) => ticket.Type switch
    {
        TicketType.Repair => new DemoWalks(ticket, SampleFlows.Repair().Key, now, rng).Repair(),
        TicketType.Installation => new DemoWalks(ticket, SampleFlows.Installation().Key, now, rng).Installation(),
        TicketType.Complaint => new DemoWalks(ticket, SampleFlows.Complaint().Key, now, rng).Complaint(),
        TicketType.Maintenance when ticket.Id % 2 == 0 => new DemoWalks(ticket, SampleFlows.DiscountApproval().Key, now, rng).Discount(),
        _ => [],
    };

    /// <summary>The technician's steps take minutes to hours; the customer's confirmation takes hours to days.</summary>
    private List<FlowNodeVisit> Repair()
    {
        Pass("start");
        (string Node, double Least, double Most)[] steps =
            [("dispatch", 5, 40), ("accept", 5, 45), ("onsite", 30, 180), ("repair", 45, 240), ("confirm", 240, 2880), ("settle", 60, 480)];
        var standsAt = _ticket.Status switch
        {
            TicketStatus.New => 0,
            TicketStatus.Assigned => 1,
            TicketStatus.Accepted or TicketStatus.EnRoute => 2,
            TicketStatus.OnSite or TicketStatus.InProgress or TicketStatus.OnHold or TicketStatus.Reopened => 3,
            TicketStatus.Resolved => 4,
            _ => steps.Length,
        };
        for (var i = 0; i < steps.Length; i++)
        {
            if (i == standsAt) return Open(steps[i].Node);
            Stay(steps[i].Node, Minutes(steps[i].Least, steps[i].Most));
        }
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

    private double Minutes(double least, double most) => (least + _rng.NextDouble() * (most - least)) * _scale;

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
