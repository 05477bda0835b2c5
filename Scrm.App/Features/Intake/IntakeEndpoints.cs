using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Scrm.App.Features.Forms;
using Scrm.Domain.Forms;

namespace Scrm.App.Features.Intake;

/// <summary>
/// The public intake's routes. Pages are Razor components rendered once on the server (no circuit, no blazor.web.js):
/// a plain form post, judged by the server, answered with the form again or the thank-you page.
/// </summary>
internal static class IntakeEndpoints
{
    public static async Task<IResult> ShowAsync(string key, [FromQuery] string? region, HttpContext http, PublicIntake intake,
        IAntiforgery antiforgery, DeviceModels models, BlankIntakePages blanks, CancellationToken ct)
    {
        if (await intake.FindAsync(key, region, ct) is not { } form) return Notice(IntakeNoticeKind.NotFound, StatusCodes.Status404NotFound);
        return await blanks.ShowAsync(http, antiforgery, form, region is { Length: > 0 } ? region : null, await CatalogueAsync(form, models, ct));
    }

    public static async Task<IResult> SubmitAsync(string key, [FromQuery] string? region, HttpContext http, PublicIntake intake,
        IAntiforgery antiforgery, DeviceModels models, FollowLinks follow, ThanksPages thanks, CancellationToken ct)
    {
        if (await intake.FindAsync(key, region, ct) is not { } form) return Notice(IntakeNoticeKind.NotFound, StatusCodes.Status404NotFound);
        if (!http.Request.HasFormContentType) return Notice(IntakeNoticeKind.BadRequest, StatusCodes.Status400BadRequest);
        IFormCollection posted;
        try
        {
            posted = await http.Request.ReadFormAsync(ct);
        }
        catch (InvalidDataException)
        {
            return Notice(IntakeNoticeKind.BadRequest, StatusCodes.Status400BadRequest);
        }
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            // An old page (its token expired or its cookie gone): the values stay, the visitor submits again.
            var expired = new IntakeAnswers(PublicIntake.Answers(posted), [new FormError("", "Intake.Expired", "The page expired; submit again.", [])], null);
            return Page(http, antiforgery, form, region, expired, StatusCodes.Status400BadRequest, await CatalogueAsync(form, models, ct));
        }
        // Humans never see the honeypot; a bot that fills it is thanked and nothing is stored.
        if (!string.IsNullOrEmpty(posted[IntakeForm.HoneypotKey]))
            return DirectThanks(form, intake.DecoyNumber(), null);

        return await intake.SubmitAsync(form, region, posted, ct) switch
        {
            // The customer follows the ticket on its public progress page, reached through a link that needs no write now.
            IntakeOutcome.Accepted accepted => await thanks.ThanksAsync(http, form, accepted.TicketNumber, follow.PathFor(form.Key, accepted.TicketId)),
            IntakeOutcome.Rejected rejected => Page(http, antiforgery, rejected.Form, region, rejected.Answers, StatusCodes.Status400BadRequest,
                await CatalogueAsync(rejected.Form, models, ct)),
            _ => throw new InvalidOperationException("Unknown intake outcome."),
        };
    }

    /// <summary>The thank-you page's follow link: on to the ticket's progress page (its token issued now if not yet).</summary>
    public static async Task<IResult> FollowAsync(string key, string pass, FollowLinks follow, Tracking.TrackingLinks links, CancellationToken ct)
    {
        if (follow.TicketOf(pass) is not { } ticketId || await links.LinkForAsync(ticketId, ct) is not { } link) return Results.NotFound();
        return Results.Redirect(link);
    }

    public static async Task<IResult> QrCodeAsync(string key, [FromQuery] string? region, HttpContext http, PublicIntake intake,
        IntakeQrCodes codes, CancellationToken ct)
    {
        if (await intake.FindAsync(key, region, ct) is null) return Results.NotFound();
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.File(IntakeQrCodes.Png(codes.Link(http.Request, key, region)), "image/png");
    }

    private static async Task<IReadOnlyList<string>> CatalogueAsync(IntakeForm form, DeviceModels models, CancellationToken ct) =>
        form.Offered.Any(f => f.Type == FieldType.DeviceModel) ? await models.PublicCatalogueAsync(PublicIntake.Scope, ct) : [];

    private static RazorComponentResult<IntakePage> Page(HttpContext http, IAntiforgery antiforgery, IntakeForm form, string? region,
        IntakeAnswers answers, int status, IReadOnlyList<string> deviceModels)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return new RazorComponentResult<IntakePage>(new Dictionary<string, object?>
        {
            [nameof(IntakePage.Form)] = form,
            [nameof(IntakePage.Region)] = region is { Length: > 0 } ? region : null,
            [nameof(IntakePage.Answers)] = answers,
            [nameof(IntakePage.Antiforgery)] = tokens,
            [nameof(IntakePage.DeviceModels)] = deviceModels,
        })
        { StatusCode = status };
    }

    /// <summary>The thank-you page rendered for this request (the decoy; any link <see cref="ThanksPages"/> does not keep).</summary>
    internal static RazorComponentResult<IntakeThanks> DirectThanks(IntakeForm form, string number, string? trackingUrl) =>
        new(new Dictionary<string, object?>
        {
            [nameof(IntakeThanks.Form)] = form, [nameof(IntakeThanks.TicketNumber)] = number, [nameof(IntakeThanks.TrackingUrl)] = trackingUrl,
        });

    private static RazorComponentResult<IntakeNotice> Notice(IntakeNoticeKind kind, int status) =>
        new(new Dictionary<string, object?> { [nameof(IntakeNotice.Kind)] = kind }) { StatusCode = status };
}
