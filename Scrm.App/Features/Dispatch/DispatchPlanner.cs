using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scrm.App.Data;
using Scrm.App.Features.Dispatch.Roster;
using Scrm.App.Features.Shared;
using Scrm.App.Features.Tickets;
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
/// Who should take a ticket, and why: turns the ticket into the scoring engine's job (skill inferred from what the
/// ticket is about, licences, the customer's own technician) and asks the region's in-memory index
/// (<see cref="TechnicianRoster"/>) for the best candidates under the policy for the ticket's type and region, with the
/// nearby technicians the filters excluded and why. Only the ticket, its device and customer are read from the database.
/// </summary>
public sealed class DispatchPlanner(IDbContextFactory<ScrmDbContext> dbFactory, DispatchPolicies policies, TicketService tickets,
    TechnicianRoster roster, TechnicianFactsReader reader, IOptions<DispatchOptions> options)
{
    /// <summary>How many of the ranking a suggestion shows: the control room's list and the API's.</summary>
    public const int Shown = 10;

    /// <summary>Excluded technicians this close to the site are shown with the filters that excluded them ("why not the one next door").</summary>
    public const double NearbyKm = 3;

    private const int NearbyExcludedShown = 5;

    public async Task<CandidateList> CandidatesAsync(AccessScope scope, long ticketId, CancellationToken ct = default)
    {
        var ticket = await ReadAsync(scope, ticketId, ct);
        return await RankAsync(await PlanAsync(ticket, ct), Shown, nearby: true, ct);
    }

    /// <summary>
    /// The rankings of several tickets (a batch plan of the queue). Each ticket's list is long enough for an optimal
    /// batch: with n tickets of a region, an optimal plan gives none of them a technician outside its n best with room
    /// left (one of those is always free to take it at no greater cost), so the n + 1 best (the one more for the
    /// runner-up) plus the region's technicians with no room left are enough. Tickets the caller cannot see are left out.
    /// </summary>
    public async Task<IReadOnlyList<CandidateList>> CandidatesAsync(AccessScope scope, IReadOnlyCollection<long> ticketIds, CancellationToken ct = default)
    {
        if (!TicketPermissions.CanAssign(scope))
            throw new AccessDeniedException("Ticket.AssignDenied", "Your role may not assign tickets.");
        var found = new List<PlanningTicket>(ticketIds.Count);
        await using (var db = await dbFactory.CreateForAsync(scope, ct))
            foreach (var id in ticketIds.Distinct())
                if (await ReadTicket(db, id, ct) is { } ticket) found.Add(ticket);
        var perRegion = found.GroupBy(t => t.Region).ToDictionary(g => g.Key, g => g.Count());
        var lengths = new Dictionary<string, int>();
        foreach (var (region, count) in perRegion)
            lengths[region] = count + 1 + (await roster.RegionAsync(region, ct)).Technicians.Count(t => t.JobsToday >= t.Capacity);
        var lists = new List<CandidateList>(found.Count);
        foreach (var ticket in found)
            lists.Add(await RankAsync(await PlanAsync(ticket, ct), lengths[ticket.Region], nearby: false, ct));
        return lists;
    }

    /// <summary>The same ranking for a background job (auto-dispatch) that sees everything, the first <paramref name="count"/> of it.</summary>
    public async Task<CandidateList?> CandidatesAsSystemAsync(long ticketId, int count = Shown, CancellationToken ct = default)
    {
        PlanningTicket? ticket;
        await using (var db = await dbFactory.CreateForAsync(AccessScope.System, ct)) ticket = await ReadTicket(db, ticketId, ct);
        return ticket is null ? null : await RankAsync(await PlanAsync(ticket, ct), count, nearby: false, ct);
    }

    /// <summary>
    /// The whole region read from the database and scored one by one: what the index must agree with. The tests and the
    /// benchmark compare against it; nothing in the app serves it.
    /// </summary>
    internal async Task<CandidateList> CandidatesByScanAsync(AccessScope scope, long ticketId, CancellationToken ct = default)
    {
        var plan = await PlanAsync(await ReadAsync(scope, ticketId, ct), ct);
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var everyone = await reader.RegionAsync(db, plan.Ticket.Region, ct);
        return plan.List(DispatchScorer.Rank(plan.Job, everyone, plan.Weights, plan.Travel));
    }

    /// <summary>
    /// Gives the ticket to <paramref name="technicianId"/>. Choosing anyone but the top candidate is an override and
    /// must say why; the reason goes on the ticket's timeline with the scores it overrode.
    /// </summary>
    public async Task<TicketDetail> AssignAsync(AccessScope scope, long ticketId, long technicianId, string? reason,
        long? expectedVersion = null, CancellationToken ct = default)
    {
        var plan = await PlanAsync(await ReadAsync(scope, ticketId, ct), ct);
        var index = await roster.RegionAsync(plan.Ticket.Region, ct);
        var best = index.Best(plan.Job, plan.Weights, plan.Travel, 1).FirstOrDefault(c => !c.Excluded);
        // Someone beyond the shown few is scored on their own: the override note names their score too.
        var chosen = index.Find(technicianId) is { } facts ? DispatchScorer.Score(plan.Job, facts, plan.Weights, plan.Travel) : null;
        var isTop = best?.Technician.Id == technicianId;
        if (!isTop && string.IsNullOrWhiteSpace(reason))
            throw new InputRejectedException([new FieldError("reason", "Dispatch.OverrideReasonRequired",
                "This technician is not the top candidate; say why you choose them.")]);
        var comment = isTop
            ? $"推荐第 1 位（{chosen!.Total:0.##} 分）"
            : $"改派理由：{reason!.Trim()}" + (best is not null && chosen is not null
                ? $"（所选 {chosen.Total:0.##} 分，推荐 {best.Technician.Name} {best.Total:0.##} 分）" : "");
        return await tickets.AssignAsync(scope, ticketId, technicianId, comment, expectedVersion, ct);
    }

    /// <summary>
    /// The ticket as planning needs it, with its device's model and its customer's dedicated technician, in one compiled
    /// query: a suggestion is one read of the database (the scope's filters apply as to any read).
    /// </summary>
    private static readonly Func<ScrmDbContext, long, CancellationToken, Task<PlanningTicket?>> ReadTicket =
        EF.CompileAsyncQuery((ScrmDbContext db, long id, CancellationToken _) => db.Tickets.AsNoTracking().Where(t => t.Id == id)
            .Select(t => new PlanningTicket(t.Id, t.Number, t.Version, t.Type, t.Priority, t.Title, t.Description, t.Region, t.City, t.Lat, t.Lng,
                db.Devices.Where(d => d.Id == t.DeviceId).Select(d => d.Model).FirstOrDefault(),
                db.Customers.Where(c => c.Id == t.CustomerId).Select(c => c.DedicatedTechnicianId).FirstOrDefault()))
            .FirstOrDefault());

    private async Task<PlanningTicket> ReadAsync(AccessScope scope, long ticketId, CancellationToken ct)
    {
        if (!TicketPermissions.CanAssign(scope))
            throw new AccessDeniedException("Ticket.AssignDenied", "Your role may not assign tickets.");
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        return await ReadTicket(db, ticketId, ct)
               ?? throw new NotFoundException("Ticket", ticketId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<CandidateList> RankAsync(Planned plan, int count, bool nearby, CancellationToken ct)
    {
        var index = await roster.RegionAsync(plan.Ticket.Region, ct);
        var ranked = index.Best(plan.Job, plan.Weights, plan.Travel, count).ToList();
        if (nearby)
        {
            // Everyone not in the list ranks below all of it, so these go after it in their own ranking order.
            var listed = ranked.Select(c => c.Technician.Id).ToHashSet();
            ranked.AddRange(index.Within(plan.Job.Site, NearbyKm).Where(t => !listed.Contains(t.Id)).Take(4 * NearbyExcludedShown)
                .Select(t => DispatchScorer.Score(plan.Job, t, plan.Weights, plan.Travel)).Where(c => c.Excluded)
                .OrderByDescending(c => c.Total).ThenBy(c => c.DistanceKm).ThenBy(c => c.Technician.Id).Take(NearbyExcludedShown));
        }
        return plan.List(ranked);
    }

    private async Task<Planned> PlanAsync(PlanningTicket ticket, CancellationToken ct)
    {
        var skill = SkillRules.SkillFor(ticket.Title, ticket.DeviceModel, ticket.Description);
        var job = new DispatchJob(ticket.Id, ticket.Region, ticket.City, new GeoPoint(ticket.Lat, ticket.Lng), skill ?? "",
            SkillRules.MinimumLevel(ticket.Priority), SkillRules.CertificateFor(skill), ticket.DedicatedTechnicianId);
        var policy = await policies.ForAsync(ticket.Type, ticket.Region, ct);
        // With no trade to go by, skill says nothing about anyone: it is left out rather than counted against all.
        var weights = skill is null ? policy.Weights.With(DispatchCriterion.Skill, CriterionMode.Off, 0) : policy.Weights;
        return new Planned(ticket, job, skill is not null, policy, weights, new TravelModel(options.Value.SpeedIn(ticket.City)));
    }

    /// <summary>What planning reads about a ticket.</summary>
    private sealed record PlanningTicket(long Id, string Number, long Version, TicketType Type, TicketPriority Priority, string Title,
        string? Description, string Region, string City, double Lat, double Lng, string? DeviceModel, long? DedicatedTechnicianId);

    /// <summary>A ticket as the scorer sees it: the job, and the weights and travel model that apply to it.</summary>
    private sealed record Planned(PlanningTicket Ticket, DispatchJob Job, bool SkillInferred, PolicyView Policy, DispatchWeights Weights, TravelModel Travel)
    {
        public CandidateList List(IReadOnlyList<CandidateScore> ranked) =>
            new(Ticket.Id, Ticket.Number, Ticket.Version, Job, SkillInferred, Policy, ranked);
    }
}
