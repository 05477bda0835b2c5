using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Scrm.App.Data;

namespace Scrm.App.Features.Pricing;

/// <summary>
/// /api/v1/tickets/{id}/quote: the quote with every line's rules applied, its lines, the customer's acceptance and
/// corrections to a final bill. Visibility is the ticket's; refusals become problem responses in the API middleware.
/// </summary>
public static class PricingEndpoints
{
    public static RouteGroupBuilder MapPricingEndpoints(this RouteGroupBuilder api)
    {
        var quote = api.MapGroup("/tickets/{id:long}/quote").WithTags("Pricing");
        quote.MapGet("/", GetAsync).WithName("GetTicketQuote")
            .WithSummary("The quote (or final bill): lines with the rules that priced them, totals, threshold flags and problems.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        quote.MapPost("/lines", AddLineAsync).WithName("AddQuoteLine")
            .WithSummary("Adds a line (kind ServiceItem|Part|Labour|Other, code, quantity); the quote is repriced and QuoteUpdated raised.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        quote.MapDelete("/lines/{lineId:long}", RemoveLineAsync).WithName("RemoveQuoteLine")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        quote.MapPost("/accept", AcceptAsync).WithName("AcceptQuote")
            .WithSummary("Records the customer's acceptance of the quote (staff on the customer's behalf).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        quote.MapPost("/credits", CreditAsync).WithName("CreditBill")
            .WithSummary("A correction to a final bill (Finance, Admin): a credit line, raising BillCredited.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<Ok<QuoteView>> GetAsync(long id, ClaimsPrincipal user, QuoteService quotes, CancellationToken ct) =>
        TypedResults.Ok(await quotes.GetAsync(AccessScope.From(user), id, ct));

    private static async Task<Ok<QuoteView>> AddLineAsync(long id, NewQuoteLine line, ClaimsPrincipal user, QuoteService quotes, CancellationToken ct) =>
        TypedResults.Ok(await quotes.AddLineAsync(AccessScope.From(user), id, line, ct));

    private static async Task<Ok<QuoteView>> RemoveLineAsync(long id, long lineId, ClaimsPrincipal user, QuoteService quotes, CancellationToken ct) =>
        TypedResults.Ok(await quotes.RemoveLineAsync(AccessScope.From(user), id, lineId, ct));

    private static async Task<Ok<QuoteView>> AcceptAsync(long id, ClaimsPrincipal user, QuoteService quotes, CancellationToken ct) =>
        TypedResults.Ok(await quotes.AcceptAsync(AccessScope.From(user), id, ct));

    private static async Task<Ok<QuoteView>> CreditAsync(long id, NewBillCredit credit, ClaimsPrincipal user, QuoteService quotes, CancellationToken ct) =>
        TypedResults.Ok(await quotes.CreditAsync(AccessScope.From(user), id, credit, ct));
}
