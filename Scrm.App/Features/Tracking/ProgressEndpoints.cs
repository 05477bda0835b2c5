using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Tracking;

/// <summary>
/// The public progress page: Razor components rendered once on the server (no circuit per viewer), plain form posts
/// checked by antiforgery, and a JSON state for scripts. Every bad token gets <see cref="NotFound"/>, byte for byte the same.
/// </summary>
internal static class ProgressEndpoints
{
    public static async Task<IResult> ShowAsync(string token, HttpContext http, ProgressQueries queries, IAntiforgery antiforgery, CancellationToken ct) =>
        await queries.FindAsync(token, ct) is { } view ? Page(http, antiforgery, view, error: null, StatusCodes.Status200OK) : NotFound();

    public static async Task<IResult> StateAsync(string token, ProgressQueries queries, CancellationToken ct) =>
        await queries.FindAsync(token, ct) is { } view
            ? TypedResults.Json(new ProgressState(view.Status.ToString(), view.Version, view.Technician?.Name, view.Technician?.Rating,
                view.Trip?.Lat, view.Trip?.Lng, view.Trip?.EtaMinutes, view.CanConfirm, view.CanRate, view.Stars))
            : NotFound();

    public static async Task<IResult> ConfirmAsync(string token, HttpContext http, ProgressQueries queries, ProgressActions actions,
        IAntiforgery antiforgery, CancellationToken ct)
    {
        if (!await ValidPostAsync(http, antiforgery)) return await RedisplayAsync(token, http, queries, antiforgery, "Tracking.Expired", ct);
        return await actions.ConfirmAsync(token, ct) == ProgressOutcome.NotFound ? NotFound() : BackTo(token);
    }

    public static async Task<IResult> AcceptQuoteAsync(string token, HttpContext http, ProgressQueries queries, ProgressActions actions,
        IAntiforgery antiforgery, CancellationToken ct)
    {
        if (!await ValidPostAsync(http, antiforgery)) return await RedisplayAsync(token, http, queries, antiforgery, "Tracking.Expired", ct);
        return await actions.AcceptQuoteAsync(token, ct) == ProgressOutcome.NotFound ? NotFound() : BackTo(token);
    }

    public static async Task<IResult> RateAsync(string token, HttpContext http, ProgressQueries queries, ProgressActions actions,
        IAntiforgery antiforgery, CancellationToken ct)
    {
        if (!await ValidPostAsync(http, antiforgery)) return await RedisplayAsync(token, http, queries, antiforgery, "Tracking.Expired", ct);
        var form = await http.Request.ReadFormAsync(ct);
        if (!int.TryParse(form["stars"], out var stars) || stars is < Ticket.MinStars or > Ticket.MaxStars)
            return await RedisplayAsync(token, http, queries, antiforgery, "Tracking.Rate.StarsRequired", ct);
        string? comment = form["comment"];
        if (comment is { Length: > Ticket.CommentMaxLength })
            return await RedisplayAsync(token, http, queries, antiforgery, "Tracking.Rate.CommentTooLong", ct);
        return await actions.RateAsync(token, stars, comment, ct) == ProgressOutcome.NotFound ? NotFound() : BackTo(token);
    }

    /// <summary>The one answer for a token that is not (or no longer) a way in.</summary>
    public static RazorComponentResult<ProgressNotFound> NotFound() => new() { StatusCode = StatusCodes.Status404NotFound };

    private static async Task<bool> ValidPostAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (!http.Request.HasFormContentType) return false;
        try
        {
            await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return false;
        }
        return await antiforgery.IsRequestValidAsync(http);
    }

    private static async Task<IResult> RedisplayAsync(string token, HttpContext http, ProgressQueries queries, IAntiforgery antiforgery,
        string error, CancellationToken ct) =>
        await queries.FindAsync(token, ct) is { } view ? Page(http, antiforgery, view, error, StatusCodes.Status400BadRequest) : NotFound();

    // Post, redirect, get: a reload never posts twice.
    private static RedirectHttpResult BackTo(string token) => TypedResults.Redirect($"/t/{token}", permanent: false);

    private static RazorComponentResult<ProgressPage> Page(HttpContext http, IAntiforgery antiforgery, ProgressView view, string? error, int status)
    {
        // No Cache-Control of our own: the antiforgery token makes the response no-cache, no-store already.
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        return new RazorComponentResult<ProgressPage>(new Dictionary<string, object?>
        {
            [nameof(ProgressPage.View)] = view,
            [nameof(ProgressPage.Antiforgery)] = antiforgery.GetAndStoreTokens(http),
            [nameof(ProgressPage.Error)] = error,
        })
        { StatusCode = status };
    }
}

/// <summary>The progress page's data for scripts and tests: <see cref="Version"/> changes whenever the ticket does.</summary>
public sealed record ProgressState(string Status, long Version, string? Technician, double? TechnicianRating,
    double? Lat, double? Lng, int? EtaMinutes, bool CanConfirm, bool CanRate, int? Stars);
