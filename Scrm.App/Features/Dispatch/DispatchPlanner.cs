using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scrm.App.Data;
using Scrm.App.Features.Shared;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Dispatch;
using Scrm.Domain.Dispatch.Scoring;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Dispatch;

/// <summary>The ranked technicians for one ticket, with what the ticket was judged to need.</summary>
public sealed record CandidateList(long TicketId, string TicketNumber, long TicketVersion, DispatchJob Job, bool SkillInferred,
    PolicyView Policy, IReadOnlyList<CandidateScore> Candidates)
{
    public CandidateScore? Best => Candidates.FirstOrDefault(c => !c.Excluded);
}

/// <summary>
/// Who should take a ticket, and why: reads the ticket and the technicians who could take it, turns them into the
/// scoring engine's facts (skill inferred from what the ticket is about, licences, hours, today's load, the last
/// position) and ranks them under the policy for the ticket's type and region.
/// </summary>
public sealed class DispatchPlanner(IDbContextFactory<ScrmDbContext> dbFactory, DispatchPolicies policies, TicketService tickets,
    BusinessClock businessClock, TimeProvider clock, IOptions<DispatchOptions> options)
{
    public async Task<CandidateList> CandidatesAsync(AccessScope scope, long ticketId, CancellationToken ct = default)
    {
        if (!TicketPermissions.CanAssign(scope))
            throw new AccessDeniedException("Ticket.AssignDenied", "Your role may not assign tickets.");
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == ticketId, ct)
            ?? throw new NotFoundException("Ticket", ticketId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return await RankAsync(db, ticket, ct);
    }

    /// <summary>
    /// The rankings of several tickets (a batch plan of the queue), each region's technicians read once for all its
    /// tickets rather than once per ticket. Tickets the caller cannot see are left out.
    /// </summary>
    public async Task<IReadOnlyList<CandidateList>> CandidatesAsync(AccessScope scope, IReadOnlyCollection<long> ticketIds, CancellationToken ct = default)
    {
        if (!TicketPermissions.CanAssign(scope))
            throw new AccessDeniedException("Ticket.AssignDenied", "Your role may not assign tickets.");
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var tickets = await db.Tickets.AsNoTracking().Where(t => ticketIds.Contains(t.Id)).ToListAsync(ct);
        var factsByRegion = new Dictionary<string, List<TechnicianFacts>>();
        var lists = new List<CandidateList>(tickets.Count);
        foreach (var ticket in ticketIds.Select(id => tickets.FirstOrDefault(t => t.Id == id)).OfType<Ticket>())
        {
            if (!factsByRegion.TryGetValue(ticket.Region, out var facts))
                factsByRegion[ticket.Region] = facts = await FactsAsync(db, ticket.Region, ct);
            lists.Add(await RankAsync(db, ticket, facts, ct));
        }
        return lists;
    }

    /// <summary>The same ranking for a background job (auto-dispatch) that sees everything.</summary>
    public async Task<CandidateList?> CandidatesAsSystemAsync(long ticketId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        return ticket is null ? null : await RankAsync(db, ticket, ct);
    }

    /// <summary>
    /// Gives the ticket to <paramref name="technicianId"/>. Choosing anyone but the top candidate is an override and
    /// must say why; the reason goes on the ticket's timeline with the scores it overrode.
    /// </summary>
    public async Task<TicketDetail> AssignAsync(AccessScope scope, long ticketId, long technicianId, string? reason,
        long? expectedVersion = null, CancellationToken ct = default)
    {
        var list = await CandidatesAsync(scope, ticketId, ct);
        var chosen = list.Candidates.FirstOrDefault(c => c.Technician.Id == technicianId);
        var isTop = list.Best?.Technician.Id == technicianId;
        if (!isTop && string.IsNullOrWhiteSpace(reason))
            throw new InputRejectedException([new FieldError("reason", "Dispatch.OverrideReasonRequired",
                "This technician is not the top candidate; say why you choose them.")]);
        var comment = isTop
            ? $"推荐第 1 位（{chosen!.Total:0.##} 分）"
            : $"改派理由：{reason!.Trim()}" + (list.Best is { } best && chosen is not null
                ? $"（所选 {chosen.Total:0.##} 分，推荐 {best.Technician.Name} {best.Total:0.##} 分）" : "");
        return await tickets.AssignAsync(scope, ticketId, technicianId, comment, expectedVersion, ct);
    }

    private async Task<CandidateList> RankAsync(ScrmDbContext db, Ticket ticket, CancellationToken ct) =>
        await RankAsync(db, ticket, await FactsAsync(db, ticket.Region, ct), ct);

    private async Task<CandidateList> RankAsync(ScrmDbContext db, Ticket ticket, List<TechnicianFacts> facts, CancellationToken ct)
    {
        var device = ticket.DeviceId is { } deviceId
            ? await db.Devices.AsNoTracking().Where(d => d.Id == deviceId).Select(d => d.Model).FirstOrDefaultAsync(ct) : null;
        var dedicated = await db.Customers.AsNoTracking().Where(c => c.Id == ticket.CustomerId).Select(c => c.DedicatedTechnicianId).FirstOrDefaultAsync(ct);
        var skill = SkillRules.SkillFor(ticket.Title, device, ticket.Description);
        var job = new DispatchJob(ticket.Id, ticket.Region, ticket.City, new GeoPoint(ticket.Lat, ticket.Lng), skill ?? "",
            SkillRules.MinimumLevel(ticket.Priority), SkillRules.CertificateFor(skill), dedicated);
        var policy = await policies.ForAsync(ticket.Type, ticket.Region, ct);
        // With no trade to go by, skill says nothing about anyone: it is left out rather than counted against all.
        var weights = skill is null ? policy.Weights.With(DispatchCriterion.Skill, CriterionMode.Off, 0) : policy.Weights;
        var travel = new TravelModel(options.Value.SpeedIn(ticket.City));
        return new CandidateList(ticket.Id, ticket.Number, ticket.Version, job, skill is not null, policy,
            DispatchScorer.Rank(job, facts, weights, travel));
    }

    /// <summary>Every technician of the region as the scorer sees them now. Technicians of other regions cannot take the ticket at all.</summary>
    private async Task<List<TechnicianFacts>> FactsAsync(ScrmDbContext db, string region, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var dayStart = businessClock.StartOfDay(now);
        var localTime = businessClock.LocalTime(now);
        // A technician's own scope would hide the others; the ranking is the office's view of the whole region.
        var technicians = await db.Technicians.IgnoreQueryFilters().AsNoTracking().Include(t => t.Skills)
            .Where(t => t.Region == region).ToListAsync(ct);
        var ids = technicians.Select(t => t.Id).ToList();
        var loads = await db.Tickets.IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.AssigneeId != null && ids.Contains(t.AssigneeId.Value)
                        && (TicketWorkflow.WorkInHandStatuses.Contains(t.Status) || t.ResolvedAt >= dayStart))
            .Select(t => new { Technician = t.AssigneeId!.Value, t.Status })
            .ToListAsync(ct);
        return technicians.Select(t =>
        {
            var mine = loads.Where(l => l.Technician == t.Id).ToList();
            return new TechnicianFacts(t.Id, t.Name, t.Region, t.ServiceCities.ToHashSet(),
                t.Skills.GroupBy(s => s.Skill).ToDictionary(g => g.Key, g => g.Max(s => s.Level)),
                t.Certifications.ToHashSet(), t.Rating,
                OpenJobs: mine.Count(l => TicketWorkflow.IsWorkInHand(l.Status)), JobsToday: mine.Count, DailyCap: t.DailyCap,
                new GeoPoint(t.Lat, t.Lng), OnShift: t.Status != TechnicianStatus.OffDuty && t.IsOnShift(localTime),
                OnLeave: t.Status == TechnicianStatus.OnLeave);
        }).ToList();
    }
}
