using System.Globalization;
using System.Numerics;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Scrm.App.Data;
using Scrm.App.Features.Shared;
using Scrm.App.Features.Tickets;
using Scrm.App.Features.Tracking;
using Scrm.Domain.Common;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;

namespace Scrm.App.Api;

/// <summary>
/// /api/v1/tickets. Handlers only translate HTTP to the ticket services; what the services refuse becomes a
/// problem response in <see cref="ApiProblemMiddleware"/>.
/// </summary>
internal static class TicketEndpoints
{
    private const string Segment = "/tickets";
    public const string Path = ApiSetup.V1 + Segment;
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotency-Replayed";
    public const int DefaultPageSize = 25;

    /// <summary>The last page a list may ask for: far beyond any real list, and page × pageSize stays an int.</summary>
    public const int MaxPage = 100_000;

    public static RouteGroupBuilder MapTicketEndpoints(this RouteGroupBuilder api)
    {
        // The ticket pages refuse the Warehouse role (it works on /catalog); its keys are refused here the same way.
        var tickets = api.MapGroup(Segment).WithTags("Tickets")
            .RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = AppRoles.TicketReaders })
            .ProducesProblem(StatusCodes.Status403Forbidden);

        tickets.MapPost("/", CreateAsync).WithName("CreateTicket")
            .WithSummary("Opens a ticket; a repeated Idempotency-Key returns the first ticket (200) instead of a second one.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        tickets.MapGet("/{id:long}", GetAsync).WithName("GetTicket")
            .ProducesProblem(StatusCodes.Status404NotFound);

        tickets.MapGet("/", ListAsync).WithName("ListTickets")
            .WithSummary("Lists the tickets the caller may see, newest first unless sort/desc say otherwise.")
            .ProducesValidationProblem();

        tickets.MapPost("/{id:long}/transitions", TransitionAsync).WithName("TransitionTicket")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        tickets.MapPost("/{id:long}/assignment", AssignAsync).WithName("AssignTicket")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return tickets;
    }

    private static async Task<Results<Created<TicketResource>, Ok<TicketResource>>> CreateAsync(
        NewTicketRequest request, [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        ClaimsPrincipal user, HttpResponse response, TicketService service, TrackingLinks links, CancellationToken ct)
    {
        var key = string.IsNullOrWhiteSpace(idempotencyKey) ? null : idempotencyKey.Trim();
        var result = await service.CreateAsync(AccessScope.From(user), request, key, ct);
        var ticket = await TicketResource.WithLinkAsync(result.Ticket, links, ct);
        if (result.Created) return TypedResults.Created(Location(ticket.Id), ticket);
        response.Headers[ReplayedHeader] = "true";
        return TypedResults.Ok(ticket);
    }

    private static async Task<Ok<TicketResource>> GetAsync(long id, ClaimsPrincipal user, TicketQueries queries, TrackingLinks links, CancellationToken ct)
    {
        var ticket = await queries.FindAsync(AccessScope.From(user), id, ct) ?? throw TicketNotFound(id);
        return TypedResults.Ok(await TicketResource.WithLinkAsync(ticket, links, ct));
    }

    // Numbers and flags arrive as text so that a bad one becomes a field error naming it, not the framework's bare 400.
    private static async Task<Ok<TicketPage>> ListAsync(
        string? status, string? region, string? priority, string? q, string? assigneeId,
        string? page, string? pageSize, string? sort, string? desc,
        string? closedFrom, string? closedTo, string? resolvedFrom, string? resolvedTo,
        ClaimsPrincipal user, TicketQueries queries, TrackingLinks links, BusinessClock clock, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var filter = new TicketFilter
        {
            Status = ParseName<TicketStatus>(status, "status", errors),
            Region = ParseRegion(region, errors),
            Priority = ParseName<TicketPriority>(priority, "priority", errors),
            Text = string.IsNullOrWhiteSpace(q) ? null : q.Trim(),
            AssigneeId = ParseNumber<long>(assigneeId, "assigneeId", errors),
            Sort = ParseName<TicketSort>(sort, "sort", errors) ?? TicketSort.CreatedAt,
            Descending = ParseFlag(desc, "desc", errors) ?? true,
            Page = ParseNumber<int>(page, "page", errors) ?? 0,
            PageSize = ParseNumber<int>(pageSize, "pageSize", errors) ?? DefaultPageSize,
            ClosedFrom = ParseDay(closedFrom, "closedFrom", clock, 0, errors),
            ClosedBefore = ParseDay(closedTo, "closedTo", clock, 1, errors),
            ResolvedFrom = ParseDay(resolvedFrom, "resolvedFrom", clock, 0, errors),
            ResolvedBefore = ParseDay(resolvedTo, "resolvedTo", clock, 1, errors),
        };
        if (filter.Page is < 0 or > MaxPage)
            errors.Add(new FieldError("page", "Field.OutOfRange", $"page must be between 0 and {MaxPage}.", "page", 0, MaxPage));
        if (filter.PageSize is < 1 or > TicketQueries.MaxPageSize)
            errors.Add(new FieldError("pageSize", "Field.OutOfRange",
                $"pageSize must be between 1 and {TicketQueries.MaxPageSize}.", "pageSize", 1, TicketQueries.MaxPageSize));
        if (errors.Count > 0) throw new InputRejectedException(errors);
        var found = await queries.ListAsync(AccessScope.From(user), filter, ct);
        return TypedResults.Ok(TicketPage.From(found, await links.LinksForAsync(found.Items.Select(r => r.Id).ToList(), ct)));
    }

    private static async Task<Ok<TicketResource>> TransitionAsync(
        long id, TransitionRequest request, ClaimsPrincipal user, TicketService service, TrackingLinks links, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(request.To))
            errors.Add(new FieldError("to", "Field.Required", "to is required.", "to"));
        var to = ParseName<TicketStatus>(request.To, "to", errors);
        if (errors.Count > 0 || to is null) throw new InputRejectedException(errors);
        var ticket = await service.TransitionAsync(AccessScope.From(user), id, to.Value, request.Comment, request.ExpectedVersion, ct);
        return TypedResults.Ok(await TicketResource.WithLinkAsync(ticket, links, ct));
    }

    private static async Task<Ok<TicketResource>> AssignAsync(
        long id, AssignmentRequest request, ClaimsPrincipal user, TicketService service, TrackingLinks links, CancellationToken ct)
    {
        if (request.TechnicianId is not { } technicianId)
            throw new InputRejectedException([new FieldError("technicianId", "Field.Required", "technicianId is required.", "technicianId")]);
        try
        {
            var ticket = await service.AssignAsync(AccessScope.From(user), id, technicianId, request.Comment, request.ExpectedVersion, ct);
            return TypedResults.Ok(await TicketResource.WithLinkAsync(ticket, links, ct));
        }
        catch (NotFoundException e) when (e.What == "Technician")
        {
            // A record named in the body is a bad field (as an unknown customerId is on create); only the ticket in the URL is a 404.
            throw new InputRejectedException([new FieldError("technicianId", "Technician.NotFound", e.Message, technicianId)]);
        }
    }

    private static string Location(long id) => $"{Path}/{id.ToString(CultureInfo.InvariantCulture)}";

    private static NotFoundException TicketNotFound(long id) => new("Ticket", id.ToString(CultureInfo.InvariantCulture));

    /// <summary>An enum member as <see cref="EnumNames"/> reads it; null when the value is absent.</summary>
    private static T? ParseName<T>(string? value, string field, List<FieldError> errors) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (EnumNames.TryParse<T>(value, out var parsed)) return parsed;
        errors.Add(FieldError.NotOneOf<T>(field));
        return null;
    }

    /// <summary>A whole number in invariant digits; null when absent.</summary>
    private static T? ParseNumber<T>(string? value, string field, List<FieldError> errors) where T : struct, IBinaryInteger<T>
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (T.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)) return parsed;
        errors.Add(BigInteger.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
            ? new FieldError(field, "Field.OutOfRange", $"{field} is out of range.", field)
            : new FieldError(field, "Field.WrongType", $"{field} must be a whole number.", field));
        return null;
    }

    /// <summary>A local business day (yyyy-MM-dd) as the midnight <paramref name="daysAfter"/> days after its start; null when absent.</summary>
    private static DateTimeOffset? ParseDay(string? value, string field, BusinessClock clock, int daysAfter, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (TicketDays.Parse(value) is { } day) return TicketDays.Start(clock, day.AddDays(daysAfter));
        errors.Add(new FieldError(field, "Field.WrongType", $"{field} must be a day written yyyy-MM-dd.", field));
        return null;
    }

    private static bool? ParseFlag(string? value, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (bool.TryParse(value.Trim(), out var parsed)) return parsed;
        errors.Add(new FieldError(field, "Field.WrongType", $"{field} must be true or false.", field));
        return null;
    }

    private static string? ParseRegion(string? value, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var region = value.Trim();
        if (Regions.All.Contains(region)) return region;
        errors.Add(new FieldError("region", "Region.Unknown", $"'{region}' is not a region ({string.Join(", ", Regions.All)}).", region));
        return null;
    }
}
