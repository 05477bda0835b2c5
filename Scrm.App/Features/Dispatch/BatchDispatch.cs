using Scrm.App.Data;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Dispatch.Batch;
using Scrm.Domain.Dispatch.Scoring;

namespace Scrm.App.Features.Dispatch;

/// <summary>One ticket of a batch plan: who gets it and why, or why nobody does.</summary>
public sealed record BatchChoice(long TicketId, string TicketNumber, long TicketVersion, string Title, long? TechnicianId, string? TechnicianName,
    double? Score, string? RunnerUpName, double? Gap, BatchBlockerKind? Blocker, string? BlockerReason);

/// <summary>A proposed assignment of the whole queue, before the dispatcher confirms it.</summary>
public sealed record BatchProposal(IReadOnlyList<BatchChoice> Choices, double TotalScore)
{
    public int AssignedCount => Choices.Count(c => c.TechnicianId is not null);
}

/// <summary>
/// "Assign the whole queue": each waiting ticket's candidates become one assignment problem (cost = how far a
/// technician falls short of a perfect score for that ticket; a failed hard filter forbids the pair; each technician
/// takes at most what is left of their day), solved optimally — as many tickets placed as capacity allows, then the
/// best total — and explained per ticket: the runner-up and what choosing them would cost, or the constraint that
/// left the ticket waiting.
/// </summary>
public sealed class BatchDispatch(ControlRoomQueries queries, DispatchPlanner planner, TicketService tickets)
{
    public async Task<BatchProposal> ProposeAsync(AccessScope scope, CancellationToken ct = default)
    {
        var queue = (await queries.SnapshotAsync(scope, ct)).Queue.ToList();
        var lists = await planner.CandidatesAsync(scope, queue.Select(t => t.Id).ToList(), ct);
        // The plan's rows follow the rankings; a ticket that left the caller's sight in between is not planned.
        queue = queue.Where(t => lists.Any(l => l.TicketId == t.Id)).ToList();
        var technicians = lists.SelectMany(l => l.Candidates).Select(c => c.Technician).DistinctBy(t => t.Id).ToList();
        if (lists.Count == 0 || technicians.Count == 0) return new BatchProposal(queue.Select(Waiting).ToList(), 0);

        var column = technicians.Select((t, j) => (t.Id, j)).ToDictionary(p => p.Id, p => p.j);
        var costs = new double[lists.Count, technicians.Count];
        var reasons = new string?[lists.Count, technicians.Count];
        for (var i = 0; i < lists.Count; i++)
        {
            for (var j = 0; j < technicians.Count; j++) (costs[i, j], reasons[i, j]) = (double.PositiveInfinity, DispatchReasons.OutsideRegion);
            var perfect = Perfect(lists[i]);
            foreach (var candidate in lists[i].Candidates)
            {
                var j = column[candidate.Technician.Id];
                (costs[i, j], reasons[i, j]) = candidate.Excluded
                    ? (double.PositiveInfinity, candidate.ExcludedBy[0].Reason)
                    : (Math.Max(0, perfect - candidate.Total), null);
            }
        }
        var capacity = technicians.Select(t => Math.Max(0, t.Capacity - t.JobsToday)).ToList();
        var plan = BatchOptimiser.Solve(new BatchProblem(costs, capacity, reasons));
        var choices = plan.Assignments.Select(a => Choice(lists[a.TicketIndex], a, technicians, queue[a.TicketIndex].Title)).ToList();
        return new BatchProposal(choices, choices.Sum(c => c.Score ?? 0));
    }

    /// <summary>Assigns what the dispatcher confirmed; a ticket someone else took meanwhile is skipped, not overwritten.</summary>
    public async Task<int> ApplyAsync(AccessScope scope, BatchProposal proposal, CancellationToken ct = default)
    {
        var done = 0;
        foreach (var choice in proposal.Choices.Where(c => c.TechnicianId is not null))
        {
            var comment = $"批量派单：{choice.Score:0.##} 分" + (choice.RunnerUpName is { } runnerUp ? $"（次选 {runnerUp}，总分差 {choice.Gap:0.##}）" : "");
            try
            {
                await tickets.AssignAsync(scope, choice.TicketId, choice.TechnicianId!.Value, comment, choice.TicketVersion, ct);
                done++;
            }
            catch (Exception e) when (e is Shared.ConcurrencyConflictException or Scrm.Domain.Common.DomainRuleException)
            {
                // Taken or moved since the plan was made: the dispatcher sees it in the queue, or not, on the next look.
            }
        }
        return done;
    }

    /// <summary>The score a technician meeting every weighted criterion fully would get for this ticket.</summary>
    private static double Perfect(CandidateList list) =>
        list.Candidates.FirstOrDefault()?.Breakdown.Where(b => b.Mode == CriterionMode.Weighted)
            .Sum(b => list.Policy.Weights[b.Criterion].Weight) ?? 0;

    private static BatchChoice Choice(CandidateList list, BatchAssignment a, List<TechnicianFacts> technicians, string title)
    {
        var chosen = a.TechnicianIndex is { } j ? technicians[j] : null;
        var score = chosen is null ? (double?)null : list.Candidates.First(c => c.Technician.Id == chosen.Id).Total;
        return new BatchChoice(list.TicketId, list.TicketNumber, list.TicketVersion, title, chosen?.Id, chosen?.Name, score,
            a.RunnerUp is { } r ? technicians[r].Name : null, a.Gap, a.Blocker?.Kind, a.Blocker?.Reason);
    }

    private static BatchChoice Waiting(TicketPin pin) =>
        new(pin.Id, pin.Number, pin.Version, pin.Title, null, null, null, null, null, BatchBlockerKind.NoFeasibleTechnician, null);
}
