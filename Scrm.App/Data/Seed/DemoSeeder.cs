using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scrm.App.Features.Identity;
using Scrm.Domain.Common;
using Scrm.Domain.Customers;
using Scrm.Domain.Dispatch;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;

namespace Scrm.App.Data.Seed;

/// <summary>
/// Fills an empty database with a believable chain-business operation: four regions, technicians, customers
/// with sites and devices, 90 days of closed tickets and open ones in every status. Deterministic (fixed seed).
/// </summary>
public sealed class DemoSeeder(
    IServiceProvider services,
    IDbContextFactory<ScrmDbContext> dbFactory,
    IOptions<DemoOptions> options,
    BusinessClock businessClock,
    TimeProvider clock,
    ILogger<DemoSeeder> logger)
{
    public sealed record DemoUser(string Email, string Name, string Role, string Region);

    public static readonly DemoUser[] Users =
    [
        new("admin@demo.scrm", "系统管理员", AppRoles.Admin, AccessScope.AllRegionsValue),
        new("manager.east@demo.scrm", "华东经理 周明", AppRoles.Manager, Regions.East),
        new("dispatcher.east@demo.scrm", "华东调度 李娜", AppRoles.Dispatcher, Regions.East),
        new("dispatcher.south@demo.scrm", "华南调度 陈杰", AppRoles.Dispatcher, Regions.South),
        new("tech.east1@demo.scrm", "", AppRoles.Technician, Regions.East),
        new("agent@demo.scrm", "客服 王芳", AppRoles.Agent, AccessScope.AllRegionsValue),
        new("finance@demo.scrm", "财务 赵敏", AppRoles.Finance, AccessScope.AllRegionsValue),
        new("warehouse.east@demo.scrm", "华东仓管 孙强", AppRoles.Warehouse, Regions.East),
    ];

    private readonly DemoOptions _o = options.Value;
    private readonly Random _rng = new(2026);
    private readonly Random _dispatchRng = new(2027);

    public async Task SeedIfEmptyAsync(CancellationToken ct = default)
    {
        if (!_o.Seed) return;
        await using (var probe = await dbFactory.CreateForAsync(AccessScope.System, ct))
            if (await probe.Users.AnyAsync(ct) || await probe.Tickets.AnyAsync(ct)) return;
        var started = clock.GetTimestamp();
        var technicians = await SeedTechniciansAsync(ct);
        var customers = await SeedCustomersAsync(technicians, ct);
        var chains = await SeedChainsAsync(ct);
        var linked = LinkedTechnician(technicians, customers);
        await SeedUsersAsync(linked, ct);
        await Features.Flows.Runtime.DemoFlows.PublishIfNoneAsync(dbFactory, clock.GetUtcNow(), ct);
        var count = await SeedTicketsAsync(customers, chains, technicians, linked, ct);
        await Features.Pricing.DemoPricing.SeedAsync(dbFactory, services.GetRequiredService<Features.Pricing.PriceBookStore>(), clock.GetUtcNow(), ct);
        // Ninety days of closed tickets' stays on the sample flows' nodes, so the designer's bottleneck overlay has
        // something to show; the open tickets' stays come from their running instances.
        await Features.Flows.Bottlenecks.DemoFlowHistory.SeedAsync(dbFactory, clock.GetUtcNow(), ct);
        await Features.Flows.Runtime.DemoFlows.StartOpenTicketsAsync(services, ct);
        if (!string.IsNullOrWhiteSpace(_o.ApiKey))
            await services.GetRequiredService<ApiKeys>().IssueAsync("Demo admin key", AppRoles.Admin, AccessScope.AllRegionsValue, null, _o.ApiKey, ct);
        logger.LogInformation("Demo data seeded: {Technicians} technicians, {Customers} customers, {Tickets} tickets in {Elapsed}",
            technicians.Count, customers.Count + chains.Count, count, clock.GetElapsedTime(started));
    }

    /// <summary>The demo's ticket templates, also into a demo database made before templates existed.</summary>
    public async Task SeedFormsIfNoneAsync(CancellationToken ct = default)
    {
        if (!_o.Seed) return;
        await using (var probe = await dbFactory.CreateForAsync(AccessScope.System, ct))
            if (await probe.FormTemplates.AnyAsync(ct)) return;
        await SaveAllAsync(DemoForms.All(clock.GetUtcNow()).ToList(), ct);
    }

    /// <summary>The demo's flows, also into a demo database made before flows existed.</summary>
    public async Task SeedFlowsIfNoneAsync(CancellationToken ct = default)
    {
        if (_o.Seed) await Features.Flows.Runtime.DemoFlows.PublishIfNoneAsync(dbFactory, clock.GetUtcNow(), ct);
    }

    // Twelve past customer ratings whose average is about the target, so a new rating moves the average as a real one would.
    private static void SeedRatings(Technician tech, double average)
    {
        const int count = 12;
        var total = (int)Math.Round(average * count);
        for (var i = 0; i < count; i++) tech.AddRating(total / count + (i < total % count ? 1 : 0));
    }

    private async Task<List<Technician>> SeedTechniciansAsync(CancellationToken ct)
    {
        var list = new List<Technician>();
        foreach (var region in Regions.All)
        {
            var cities = ReferenceData.Cities.Where(c => c.Region == region).ToArray();
            for (var i = 0; i < _o.TechniciansPerRegion; i++)
            {
                var level = (TechnicianLevel)(i % 4);
                var tech = new Technician(PersonName(), Mobile(), cities[i % cities.Length], level);
                foreach (var skill in DemoCatalog.Skills.OrderBy(_ => _rng.Next()).Take(2 + _rng.Next(3)))
                    tech.AddSkill(skill.Chinese, 1 + _rng.Next(5));
                SeedRatings(tech, 3.6 + _rng.NextDouble() * 1.4);
                Equip(tech, i, cities[i % cities.Length]);
                // Busy follows the work they are given (TechnicianWorkload); leave is a person's decision.
                if (i % 7 == 5) tech.SetStatus(TechnicianStatus.OnLeave);
                list.Add(tech);
            }
        }
        await SaveAllAsync(list, ct);
        return list;
    }

    /// <summary>
    /// Licences for the trades that need them (most, not all, so the dispatch filter has someone to exclude), a home
    /// city for some, and shifts that cover the clock, so a demo opened at night still has someone on duty. A Random
    /// of its own, so the rest of the demo stays as it was.
    /// </summary>
    private void Equip(Technician tech, int index, City home)
    {
        foreach (var skill in tech.Skills)
            if (Features.Dispatch.SkillRules.CertificateFor(skill.Skill) is { } certificate && _dispatchRng.Next(5) > 0) tech.Certify(certificate);
        if (index % 3 == 1) tech.ServeCities([home.Name]);
        var (start, end) = (index % 4) switch
        {
            0 => (new TimeOnly(7, 0), new TimeOnly(19, 0)),
            1 => (new TimeOnly(9, 0), new TimeOnly(21, 0)),
            2 => (new TimeOnly(20, 0), new TimeOnly(8, 0)),
            _ => (new TimeOnly(0, 0), new TimeOnly(0, 0)),  // on call round the clock
        };
        tech.SetShift(start, end, 4 + _dispatchRng.Next(5));
    }

    private async Task<List<Customer>> SeedCustomersAsync(List<Technician> technicians, CancellationToken ct)
    {
        var list = new List<Customer>();
        var now = clock.GetUtcNow();
        var today = businessClock.LocalDay(now);
        for (var i = 0; i < _o.Customers; i++)
        {
            var industry = DemoCatalog.Industries[i % DemoCatalog.Industries.Length];
            var city = ReferenceData.Cities[_rng.Next(ReferenceData.Cities.Count)];
            var brand = Pick(industry.Brands);
            var name = $"{brand}（{city.Name}{Pick(industry.Branches)}）";
            var tier = (CustomerTier)Math.Min(3, _rng.Next(6) / 2 + (i % 11 == 0 ? 1 : 0));
            var customer = new Customer(name, Mobile(), industry.Name, tier, city.Region, now.AddDays(-_rng.Next(60, 1500)));
            customer.AddContact(PersonName(), Mobile(), Pick(DemoCatalog.ContactRoles).Chinese);
            if (_rng.Next(3) == 0) customer.AddContact(PersonName(), Mobile(), Pick(DemoCatalog.ContactRoles).Chinese);
            var siteCount = 1 + _rng.Next(3);
            for (var s = 0; s < siteCount; s++)
            {
                var siteName = s == 0 ? name : $"{brand}（{city.Name}{Pick(industry.Branches)}{s + 1}号）";
                AddDevices(customer, customer.AddSite(siteName, Address(city), city, Near(city)), industry, today);
            }
            // The better customers have a technician who knows their equipment (专属技师).
            if (tier >= CustomerTier.Gold && technicians.Where(t => t.Region == city.Region).ToList() is { Count: > 0 } local)
                customer.AssignDedicatedTechnician(local[_dispatchRng.Next(local.Count)].Id);
            list.Add(customer);
        }
        await SaveAllAsync(list, ct);
        return list;
    }

    /// <summary>Chains: one customer each, with stores in several regions (see <see cref="DemoCatalog.Chains"/>).</summary>
    private async Task<List<Customer>> SeedChainsAsync(CancellationToken ct)
    {
        var list = new List<Customer>();
        var now = clock.GetUtcNow();
        var today = businessClock.LocalDay(now);
        foreach (var chain in DemoCatalog.Chains)
        {
            var industry = DemoCatalog.Industries.First(i => i.Name == chain.Industry);
            var stores = chain.Stores.Select(s => (City: ReferenceData.FindCity(s.City)
                ?? throw new InvalidOperationException($"{s.City} is not a served city."), s.Branch)).ToList();
            var customer = new Customer(chain.Name, Mobile(), industry.Name, CustomerTier.Gold, stores[0].City.Region,
                now.AddDays(-_rng.Next(365, 1500)));
            customer.AddContact(PersonName(), Mobile(), DemoCatalog.HeadOfficeRole.Chinese);
            foreach (var (city, branch) in stores)
                AddDevices(customer, customer.AddSite($"{chain.Name}（{city.Name}{branch}）", Address(city), city, Near(city)), industry, today);
            list.Add(customer);
        }
        await SaveAllAsync(list, ct);
        return list;
    }

    private void AddDevices(Customer customer, Site site, DemoCatalog.Industry industry, DateOnly today)
    {
        for (var d = 0; d < 1 + _rng.Next(3); d++)
        {
            var installed = today.AddDays(-_rng.Next(30, 1400));
            customer.AddDevice(site, Pick(industry.DeviceModels), $"SN{_rng.Next(10_000_000, 99_999_999)}",
                installed, installed.AddYears(1 + _rng.Next(3)));
        }
    }

    /// <summary>The technician the demo technician login is: an East one whose city has customers, so their own jobs are local.</summary>
    private static Technician LinkedTechnician(List<Technician> technicians, List<Customer> customers)
    {
        var east = technicians.Where(t => t.Region == Regions.East && t.Status != TechnicianStatus.OnLeave).ToList();
        return east.FirstOrDefault(t => customers.Any(c => c.Region == Regions.East && c.Sites.Any(s => s.City == t.City)))
            ?? east.First();
    }

    private async Task SeedUsersAsync(Technician techEast, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ScrmDbContext>().Scope = AccessScope.System;
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in AppRoles.All)
            if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)));
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        foreach (var demo in Users)
        {
            var name = demo.Role == AppRoles.Technician ? $"技师 {techEast.Name}" : demo.Name;
            var user = new ApplicationUser { UserName = demo.Email, Email = demo.Email, EmailConfirmed = true, DisplayName = name };
            Check(await users.CreateAsync(user, _o.Password));
            Check(await users.AddToRoleAsync(user, demo.Role));
            var claims = new List<Claim> { new(AccessScope.RegionClaim, demo.Region), new(AccessScope.DisplayNameClaim, name) };
            if (demo.Role == AppRoles.Technician)
            {
                claims.Add(new Claim(AccessScope.TechnicianClaim, techEast.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                await LinkAsync(techEast.Id, user.Id, ct);
            }
            Check(await users.AddClaimsAsync(user, claims));
        }
    }

    private async Task LinkAsync(long technicianId, string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var tech = await db.Technicians.FirstAsync(t => t.Id == technicianId, ct);
        tech.LinkAccount(userId);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A ticket to make; chain tickets name their store, the others take a random customer of the region.</summary>
    private sealed record TicketPlan(DateTimeOffset Created, TicketStatus Target, string Region, bool ForEastTech,
        Customer? Customer = null, Site? Site = null);

    private async Task<int> SeedTicketsAsync(List<Customer> customers, List<Customer> chains, List<Technician> technicians, Technician eastTech,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var plans = new List<TicketPlan>();
        var byRegion = customers.GroupBy(c => c.Region).ToDictionary(g => g.Key, g => g.ToArray());
        for (var i = 0; i < _o.ClosedTickets; i++)
        {
            var day = businessClock.LocalDay(now.AddDays(-1 - _rng.NextDouble() * (_o.HistoryDays - 1)));
            var region = Regions.All[_rng.Next(4)];
            // The customer is chosen here rather than below so that the hour of the call can follow its business.
            var pool = byRegion.GetValueOrDefault(region) ?? customers.ToArray();
            var customer = pool[_rng.Next(pool.Length)];
            var site = customer.Sites.ElementAt(_rng.Next(customer.Sites.Count));
            plans.Add(new(DemoDemand.On(day, customer.Industry, businessClock, _rng), i % 40 == 7 ? TicketStatus.Cancelled : TicketStatus.Closed, region,
                false, customer, site));
        }
        var openStatuses = Enum.GetValues<TicketStatus>().Where(s => s is not (TicketStatus.Closed or TicketStatus.Cancelled));
        foreach (var region in Regions.All)
            foreach (var status in openStatuses)
                for (var i = 0; i < _o.OpenPerStatusPerRegion; i++)
                    plans.Add(new(now.AddHours(-1 - _rng.NextDouble() * 47), status, region,
                        region == Regions.East && i == 0 && status != TicketStatus.New));
        plans.AddRange(ChainPlans(chains, now));

        var dayCounts = new Dictionary<DateOnly, int>();
        // Work goes to someone in the site's own city when there is one, else in its region; not to people on leave.
        var working = technicians.Where(t => t.Status != TechnicianStatus.OnLeave).ToList();
        var techsByCity = working.GroupBy(t => t.City).ToDictionary(g => g.Key, g => g.ToArray());
        var techsByRegion = working.GroupBy(t => t.Region).ToDictionary(g => g.Key, g => g.ToArray());
        var eastTechSites = customers.Where(c => c.Region == Regions.East)
            .SelectMany(c => c.Sites.Where(s => s.City == eastTech.City).Select(s => (Customer: c, Site: s))).ToArray();
        var tickets = new List<Ticket>();
        foreach (var plan in plans.OrderBy(p => p.Created))
        {
            var day = businessClock.LocalDay(plan.Created);
            dayCounts[day] = dayCounts.GetValueOrDefault(day) + 1;
            Customer customer;
            Site site;
            Technician tech;
            if (plan.ForEastTech && eastTechSites.Length > 0)
            {
                (customer, site) = Pick(eastTechSites);
                tech = eastTech;
            }
            else
            {
                var pool = byRegion.GetValueOrDefault(plan.Region) ?? customers.ToArray();
                customer = plan.Customer ?? pool[_rng.Next(pool.Length)];
                site = plan.Site ?? customer.Sites.ElementAt(_rng.Next(customer.Sites.Count));
                tech = plan.ForEastTech ? eastTech : Pick(techsByCity.GetValueOrDefault(site.City) ?? techsByRegion[site.Region]);
            }
            tickets.Add(Build(customer, site, tech, plan.Created, plan.Target, TicketNumber.Format(day, dayCounts[day]), now));
        }
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        db.TicketDaySequences.AddRange(dayCounts.Select(d => new TicketDaySequence
        {
            Day = d.Key.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), Last = d.Value,
        }));
        await db.SaveChangesAsync(ct);
        await SaveAllAsync(tickets, ct);
        return tickets.Count;
    }

    /// <summary>An open ticket at every chain store, so that each region sees its own part of a chain at work.</summary>
    private IEnumerable<TicketPlan> ChainPlans(List<Customer> chains, DateTimeOffset now)
    {
        if (_o.OpenPerStatusPerRegion == 0) yield break;
        TicketStatus[] statuses = [TicketStatus.New, TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.OnHold, TicketStatus.EnRoute];
        var next = 0;
        foreach (var chain in chains)
            foreach (var site in chain.Sites)
                yield return new(now.AddHours(-1 - _rng.NextDouble() * 47), statuses[next++ % statuses.Length], site.Region, false, chain, site);
    }

    /// <summary>Walks a new ticket through its life cycle up to <paramref name="target"/>, with plausible gaps.</summary>
    private Ticket Build(Customer customer, Site site, Technician tech, DateTimeOffset created, TicketStatus target, string number, DateTimeOffset now)
    {
        var industry = DemoCatalog.Industries.First(i => i.Name == customer.Industry);
        var device = customer.Devices.FirstOrDefault(d => d.Site == site);
        var type = (TicketType)(_rng.Next(10) switch { < 5 => 0, 5 => 1, 6 or 7 => 2, 8 => 3, _ => 4 + _rng.Next(2) });
        var priority = (TicketPriority)(_rng.Next(10) switch { < 2 => 0, < 7 => 1, < 9 => 2, _ => 3 });
        var draft = new TicketDraft(type, DemoCatalog.TitleFor(type, Pick(industry.Faults), device?.Model ?? Pick(industry.DeviceModels)),
            $"{site.Name}报修，联系人{customer.Contacts.First().Name}，请尽快安排。", priority, customer.Id, customer.Name,
            site.Id, site.Address, site.City, site.Region, site.Location, device?.Id);
        var dispatcher = new Actor("seed-dispatcher", $"{site.Region}调度");
        var techActor = new Actor($"technician:{tech.Id}", tech.Name);
        var ticket = Ticket.Open(draft, number, new Actor("seed-agent", "客服中心"), created);
        if (target == TicketStatus.New) return ticket;

        // Open tickets are compressed into the time since they were created.
        var open = TicketWorkflow.IsOpen(target);
        var span = open ? (now - created).TotalMinutes / 12 : 60;
        var t = created;
        DateTimeOffset Next(double typical) => t = t.AddMinutes(Math.Max(1, Math.Min(span, typical * (0.5 + _rng.NextDouble()))));

        if (target == TicketStatus.Cancelled)
        {
            ticket.TransitionTo(TicketStatus.Cancelled, dispatcher, Next(30), "客户已自行解决，取消报修");
            return ticket;
        }
        ticket.AssignTo(tech, dispatcher, Next(15));
        var path = new[] { TicketStatus.Accepted, TicketStatus.EnRoute, TicketStatus.OnSite, TicketStatus.InProgress };
        foreach (var step in path)
        {
            if (target == TicketStatus.Assigned) return ticket;
            ticket.TransitionTo(step, techActor, Next(step == TicketStatus.EnRoute ? 20 : 40));
            if (step == target) return ticket;
        }
        if (target == TicketStatus.OnHold)
        {
            ticket.TransitionTo(TicketStatus.OnHold, techActor, Next(30), "等待备件到货");
            return ticket;
        }
        ticket.TransitionTo(TicketStatus.Resolved, techActor, Next(90), "已更换故障部件，测试正常");
        if (target == TicketStatus.Resolved) return ticket;
        ticket.TransitionTo(TicketStatus.Closed, dispatcher, Next(open ? 60 : 600), "客户确认完工");
        if (target == TicketStatus.Reopened)
            ticket.TransitionTo(TicketStatus.Reopened, new Actor("seed-agent", "客服中心"), Next(60), "客户反馈故障复发");
        return ticket;
    }

    private async Task SaveAllAsync<T>(List<T> entities, CancellationToken ct) where T : class
    {
        // Bulk demo load: audit off (it is not a user's change), batches keep the change tracker small.
        foreach (var batch in entities.Chunk(500))
        {
            await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
            db.SuppressAudit = true;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.AddRange(batch);
            await db.SaveChangesAsync(ct);
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

    private string PersonName() => Pick(DemoCatalog.Surnames) + Pick(DemoCatalog.GivenNames);

    private string Mobile() => $"1{Pick(new[] { "3", "5", "8", "9" })}{_rng.Next(0, 10)}{_rng.Next(10_000_000, 99_999_999)}";

    private string Address(City city) => $"{city.Name}市{Pick(DemoCatalog.Streets)}{_rng.Next(1, 999)}号";

    private GeoPoint Near(City city) => new(city.Lat + (_rng.NextDouble() - 0.5) * 0.12, city.Lng + (_rng.NextDouble() - 0.5) * 0.12);
}
