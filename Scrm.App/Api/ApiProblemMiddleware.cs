using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Scrm.App.Features.Shared;
using Scrm.Domain.Common;

namespace Scrm.App.Api;

/// <summary>
/// The one place where an /api answer becomes an RFC 7807 problem: what the services refuse (English message and a
/// stable code, never a stack trace), and the empty 4xx the framework leaves when it cannot read a request
/// (malformed JSON, a wrong content type, an unknown route). A middleware rather than an endpoint filter because
/// the framework rejects an unreadable JSON body before endpoint filters run.
/// </summary>
internal sealed class ApiProblemMiddleware(RequestDelegate next, ILogger<ApiProblemMiddleware> logger)
{
    public static readonly PathString Prefix = "/api";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(Prefix))
        {
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                // ApiSetup turns on ThrowOnBadRequest for the API's sake; outside /api keep the bare status the
                // framework answers without it, which the UI's status-code pages then render.
                context.Response.StatusCode = e.StatusCode;
            }
            return;
        }
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var problem = For(e, context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType);
            if (problem is IStatusCodeHttpResult { StatusCode: >= StatusCodes.Status500InternalServerError })
                logger.LogError(e, "API request failed: {Method} {Path}", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            await problem.ExecuteAsync(context);
            return;
        }
        // The same test the status-code-pages middleware makes: an error status and nothing written yet.
        var response = context.Response;
        if (!response.HasStarted && response.StatusCode >= StatusCodes.Status400BadRequest
            && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
            await Empty(response.StatusCode).ExecuteAsync(context);
    }

    internal static IResult For(Exception e, Type? bodyType = null) => e switch
    {
        InputRejectedException r => Validation(r.Errors),
        // The domain's own checks of a single field (Guard): the same mistake as a field error the endpoint catches.
        DomainRuleException { Args: [string field, ..] } d when d.Code.StartsWith("Field.", StringComparison.Ordinal) =>
            Validation([new FieldError(field, d.Code, d.Message, [.. d.Args])]),
        NotFoundException n => Problem(StatusCodes.Status404NotFound, "Not found.", n.Message, n.What + ".NotFound"),
        AccessDeniedException a => Problem(StatusCodes.Status403Forbidden, "Not allowed.", a.Message, a.Code),
        ConcurrencyConflictException c => TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "Changed since you read it.",
            detail: $"Changed by {c.ChangedBy} at {c.ChangedAt.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture)} — reload and try again.",
            extensions: new Dictionary<string, object?>
            {
                ["code"] = "Ticket.Conflict",
                ["changedBy"] = c.ChangedBy,
                ["changedAt"] = c.ChangedAt,
                ["currentVersion"] = c.CurrentVersion,
            }),
        DomainRuleException d => Problem(StatusCodes.Status422UnprocessableEntity, "A business rule refused the request.", d.Message, d.Code),
        // ApiSetup sets RouteHandlerOptions.ThrowOnBadRequest: an unreadable request arrives as an exception.
        BadHttpRequestException { InnerException: JsonException j } => Unreadable(j, bodyType),
        BadHttpRequestException b => Empty(b.StatusCode),
        JsonException j => Unreadable(j, bodyType),
        _ => Problem(StatusCodes.Status500InternalServerError, "Something went wrong on our side.",
            "The request could not be completed; the error has been logged.", "Server.Error"),
    };

    /// <summary>400 with <c>errors</c> (field → English messages) and <c>codes</c> (field → stable codes).</summary>
    private static ValidationProblem Validation(IReadOnlyList<FieldError> errors)
    {
        var byField = errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToList();
        return TypedResults.ValidationProblem(
            byField.ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            extensions: new Dictionary<string, object?>
            {
                ["codes"] = byField.ToDictionary(g => g.Key, g => g.Select(e => e.Code).ToArray()),
            });
    }

    /// <summary>
    /// A body that is not JSON at all (a syntax error: where it is), or JSON whose value at some path has the wrong
    /// type (that path as the field, <c>$.customer.phone</c> → <c>customer.phone</c>).
    /// </summary>
    private static IResult Unreadable(JsonException e, Type? bodyType)
    {
        // The reader's own syntax errors come wrapped; a value of the wrong type is reported by a converter.
        if (e.InnerException is JsonException || e.Path is null or "$")
        {
            // 1-based for people; the position counts bytes within the line, as the reader does.
            var at = new Dictionary<string, object?>();
            if (e.LineNumber is { } line && e.BytePositionInLine is { } position)
            {
                at["line"] = line + 1;
                at["position"] = position + 1;
            }
            var where = at.Count > 0 ? $" at line {at["line"]}, position {at["position"]}" : "";
            var detail = e.InnerException is JsonException
                ? $"The body is not valid JSON{where}."
                : $"The body must be a JSON object for this operation{where}.";
            return Problem(StatusCodes.Status400BadRequest, "The request could not be read.", detail, "Request.Unreadable", at);
        }
        var field = FieldName(e.Path);
        var expected = JsonShape.Describe(bodyType, field);
        var message = expected is null ? $"{field} has the wrong JSON type." : $"{field} must be {expected}.";
        return Validation([new FieldError(field, "Field.WrongType", message, field)]);
    }

    /// <summary><c>$.customer.phone</c> → <c>customer.phone</c>; <c>$['a b']</c> → <c>a b</c>.</summary>
    internal static string FieldName(string path)
    {
        var name = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return name.StartsWith("['", StringComparison.Ordinal) && name.EndsWith("']", StringComparison.Ordinal) ? name[2..^2] : name;
    }

    /// <summary>A problem for a status the framework set without a body.</summary>
    private static ProblemHttpResult Empty(int status) => status switch
    {
        StatusCodes.Status400BadRequest => Problem(status, "The request could not be read.",
            "The body is not valid JSON for this operation, or a parameter is not in the expected format.", "Request.Unreadable"),
        StatusCodes.Status415UnsupportedMediaType => Problem(status, "Unsupported content type.",
            "Send the body as application/json.", "Request.UnsupportedMediaType"),
        StatusCodes.Status404NotFound => Problem(status, "Not found.", "There is no such API resource.", "Route.NotFound"),
        StatusCodes.Status405MethodNotAllowed => Problem(status, "Method not allowed.",
            "This resource does not accept that HTTP method.", "Route.MethodNotAllowed"),
        _ => TypedResults.Problem(statusCode: status),
    };

    private static ProblemHttpResult Problem(int status, string title, string detail, string code,
        IReadOnlyDictionary<string, object?>? more = null) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail,
            extensions: new Dictionary<string, object?>(more ?? new Dictionary<string, object?>()) { ["code"] = code });
}
