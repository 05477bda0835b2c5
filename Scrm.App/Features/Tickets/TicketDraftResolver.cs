using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Data.Seed;
using Scrm.App.Features.Shared;
using Scrm.Domain.Common;
using Scrm.Domain.Customers;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Tickets;

/// <summary>
/// Turns a create request into a <see cref="TicketDraft"/>: checks every field at once (so the client sees all
/// its mistakes together), finds or creates the customer and site, and derives the region from the city.
/// </summary>
public sealed class TicketDraftResolver
{
    public async Task<TicketDraft> ResolveAsync(ScrmDbContext db, AccessScope scope, NewTicketRequest r, DateTimeOffset now, CancellationToken ct) =>
        await CompleteAsync(db, await ReadAsync(db, scope, r, ct), r, now, ct);

    /// <summary>
    /// Checks the request and finds its customer and site, reading only. Safe outside the write gate: what it finds
    /// becomes a draft there only when nothing has to be written first (<see cref="DraftIfKnown"/>).
    /// </summary>
    public async Task<ReadRequest> ReadAsync(ScrmDbContext db, AccessScope scope, NewTicketRequest r, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var title = Text(r.Title, "title", Ticket.TitleMaxLength, required: true, errors);
        var description = Text(r.Description, "description", Ticket.DescriptionMaxLength, required: false, errors);
        var type = ParseEnum<TicketType>(r.Type, "type", null, errors);
        var priority = ParseEnum<TicketPriority>(r.Priority, "priority", TicketPriority.Normal, errors);
        if (r.Region is { Length: > 0 } && !Regions.All.Contains(r.Region))
            errors.Add(new FieldError("region", "Region.Unknown", $"'{r.Region}' is not a region ({string.Join(", ", Regions.All)}).", r.Region));

        var place = r.CustomerId is not null
            ? await ExistingCustomerAsync(db, r, errors, ct)
            : await InlineCustomerAsync(db, r, errors, ct);
        if (place is { } p && r.Region is { Length: > 0 } region && Regions.All.Contains(region) && region != p.City.Region)
            errors.Add(new FieldError("region", "Region.CityMismatch", $"{p.City.Name} belongs to {p.City.Region}, not {region}.", p.City.Name, p.City.Region));
        if (errors.Count > 0 || place is null || type is null)
            throw new InputRejectedException(errors);
        if (!scope.CanSeeRegion(place.Value.City.Region))
            throw new AccessDeniedException("Ticket.RegionDenied", $"Your account may not create tickets in {place.Value.City.Region}.");
        return new ReadRequest(type.Value, title, description, priority!.Value, place.Value);
    }

    /// <summary>The draft, when the customer and the site exist already; null when one of them must be written first.</summary>
    public static TicketDraft? DraftIfKnown(ReadRequest read) => read.Place switch
    {
        { Known: { } known } place => new TicketDraft(read.Type, read.Title, read.Description, read.Priority, known.CustomerId,
            known.CustomerName, known.SiteId, place.Address, place.City.Name, place.City.Region, place.Location),
        { Customer: { } customer, Site: { } site } place => new TicketDraft(read.Type, read.Title, read.Description, read.Priority,
            customer.Id, customer.Name, site.Id, place.Address, place.City.Name, place.City.Region, place.Location),
        _ => null,
    };

    private static async Task<TicketDraft> CompleteAsync(ScrmDbContext db, ReadRequest read, NewTicketRequest r, DateTimeOffset now, CancellationToken ct)
    {
        if (DraftIfKnown(read) is { } known) return known;
        var (customer, _, city, address, location, _) = read.Place;
        Site site;
        if (customer is null)
        {
            customer = NewCustomer(r, city, address, location, now);
            db.Customers.Add(customer);
            site = customer.Sites.First();
        }
        else
        {
            // A known caller at an address we have not served before: the address becomes one of their sites.
            site = customer.AddSite(customer.Name, address, city, location);
        }
        await db.SaveChangesAsync(ct);
        return DraftIfKnown(read with { Place = read.Place with { Customer = customer, Site = site } })!;
    }

    public sealed record ReadRequest(TicketType Type, string Title, string Description, TicketPriority Priority, Place Place);

    /// <summary>
    /// Where the ticket goes: a new or newly found customer and site as entities (they may have to be written first), or
    /// <see cref="Known"/>, what a create by customer id copies onto the ticket from rows that exist already.
    /// </summary>
    public readonly record struct Place(Customer? Customer, Site? Site, City City, string Address, GeoPoint Location, KnownSite? Known = null);

    /// <summary>The ids and name a ticket copies from an existing customer and site, read without the entities.</summary>
    public sealed record KnownSite(long CustomerId, string CustomerName, long SiteId);

    /// <summary>One row of the create's customer read: the customer's name and the one site the ticket goes to.</summary>
    private sealed record SiteRow(long CustomerId, string CustomerName, long SiteId, string Address, string City, double Lat, double Lng);

    private static async Task<Place?> ExistingCustomerAsync(ScrmDbContext db, NewTicketRequest r, List<FieldError> errors, CancellationToken ct)
    {
        var row = await CustomerSite(db, r.CustomerId!.Value, r.SiteId, ct);
        if (row is null)
        {
            // Rare (a bad id): only now tell a customer we cannot see from one without that site.
            if (!await CustomerVisible(db, r.CustomerId!.Value, ct))
                errors.Add(new FieldError("customerId", "Customer.NotFound", $"Customer {r.CustomerId} was not found.", r.CustomerId!));
            else
                errors.Add(new FieldError("siteId", "Site.NotFound", "The customer has no such site.", r.SiteId ?? 0));
            return null;
        }
        if (ReferenceData.FindCity(row.City) is not { } city)
        {
            errors.Add(new FieldError("siteId", "City.Unknown", $"'{row.City}' is not a city we serve.", row.City));
            return null;
        }
        return new Place(null, null, city, row.Address, new GeoPoint(row.Lat, row.Lng), new KnownSite(row.CustomerId, row.CustomerName, row.SiteId));
    }

    // Every create by customer id runs this read: compiled once (no expression walk, no cache lookup per call), and it
    // reads only the one site the ticket goes to (the given one, else the customer's first), not the customer with all
    // its sites. Both region filters apply, the customer's and the site's, as they did to the customer and its sites.
    private static readonly Func<ScrmDbContext, long, long?, CancellationToken, Task<SiteRow?>> CustomerSite =
        EF.CompileAsyncQuery((ScrmDbContext db, long id, long? siteId, CancellationToken _) =>
            (from s in db.Sites
             join c in db.Customers on s.CustomerId equals c.Id
             where s.CustomerId == id && (siteId == null || s.Id == siteId)
             orderby s.Id
             select new SiteRow(c.Id, c.Name, s.Id, s.Address, s.City, s.Lat, s.Lng)).FirstOrDefault());

    private static readonly Func<ScrmDbContext, long, CancellationToken, Task<bool>> CustomerVisible =
        EF.CompileAsyncQuery((ScrmDbContext db, long id, CancellationToken _) => db.Customers.Any(c => c.Id == id));

    private static async Task<Place?> InlineCustomerAsync(ScrmDbContext db, NewTicketRequest r, List<FieldError> errors, CancellationToken ct)
    {
        if (r.Customer is null)
        {
            errors.Add(new FieldError("customerId", "Ticket.CustomerRequired", "Give customerId or an inline customer with a site."));
            return null;
        }
        Text(r.Customer.Name, "customer.name", Customer.NameMaxLength, required: true, errors);
        var phone = r.Customer.Phone;
        if (!PhoneNumber.IsValid(phone))
            errors.Add(new FieldError("customer.phone", "Phone.Invalid", $"'{phone}' is not a valid phone number.", phone ?? ""));
        var address = Text(r.Site?.Address, "site.address", Site.AddressMaxLength, required: true, errors);
        var cityName = Text(r.Site?.City, "site.city", City.NameMaxLength, required: true, errors);
        var city = cityName.Length == 0 ? null : ReferenceData.FindCity(cityName);
        if (cityName.Length > 0 && city is null)
            errors.Add(new FieldError("site.city", "City.Unknown", $"'{cityName}' is not a city we serve.", cityName));
        var location = Location(r.Site, city, errors);
        if (city is null || location is null) return null;

        var existing = PhoneNumber.IsValid(phone) ? await KnownCallerAsync(db, PhoneNumber.Parse(phone), ct) : null;
        var site = existing?.Sites.FirstOrDefault(s => s.Address == address);
        return new Place(existing, site, city, address, location.Value);
    }

    /// <summary>
    /// A caller who phones again is the same customer, not a new one, even when another region served them first
    /// (a chain). The customer row is found past the region filter; its sites are loaded through the filter, so
    /// only the caller's own regions' sites come along and the other regions' sites, tickets and contacts stay out.
    /// </summary>
    private static async Task<Customer?> KnownCallerAsync(ScrmDbContext db, string phone, CancellationToken ct)
    {
        var customer = await db.Customers.IgnoreQueryFilters().OrderBy(c => c.Id).FirstOrDefaultAsync(c => c.Phone == phone, ct);
        if (customer is not null) await db.Sites.Where(s => s.CustomerId == customer.Id).LoadAsync(ct);
        return customer;
    }

    private static GeoPoint? Location(NewSite? site, City? city, List<FieldError> errors)
    {
        if (site?.Lat is null && site?.Lng is null) return city is null ? null : new GeoPoint(city.Lat, city.Lng);
        if (site.Lat is not { } lat || site.Lng is not { } lng)
        {
            errors.Add(new FieldError(site.Lat is null ? "site.lat" : "site.lng", "Geo.PairRequired", "Give both lat and lng, or neither."));
            return null;
        }
        try
        {
            return new GeoPoint(lat, lng);
        }
        catch (DomainRuleException e)
        {
            errors.Add(new FieldError("site." + e.Args[0], e.Code, e.Message));
            return null;
        }
    }

    private static Customer NewCustomer(NewTicketRequest r, City city, string address, GeoPoint location, DateTimeOffset now)
    {
        var customer = new Customer(r.Customer!.Name!, r.Customer.Phone!, "", CustomerTier.Standard, city.Region, now);
        customer.AddSite(customer.Name, address, city, location);
        return customer;
    }

    private static string Text(string? value, string field, int max, bool required, List<FieldError> errors)
    {
        var text = value?.Trim() ?? "";
        if (required && text.Length == 0) errors.Add(new FieldError(field, "Field.Required", $"{field} is required.", field));
        else if (text.Length > max) errors.Add(new FieldError(field, "Field.TooLong", $"{field} is longer than {max} characters.", field, max));
        return text;
    }

    private static T? ParseEnum<T>(string? value, string field, T? fallback, List<FieldError> errors) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (fallback is null) errors.Add(new FieldError(field, "Field.Required", $"{field} is required.", field));
            return fallback;
        }
        if (EnumNames.TryParse<T>(value, out var parsed)) return parsed;
        errors.Add(FieldError.NotOneOf<T>(field));
        return null;
    }
}
