using Microsoft.Extensions.Localization;
using MudBlazor;
using Scrm.App.Features.Shared;
using Scrm.App.Resources;
using Scrm.Domain.Common;

namespace Scrm.App.Components.Shared;

/// <summary>
/// Turns what a service refused into a sentence for the user, in their language. Never a stack trace.
/// The one place that knows which exceptions are refusals: screens ask it instead of listing them.
/// </summary>
public sealed class ErrorMessages(IStringLocalizer<SharedResource> l, BusinessClock clock, ISnackbar snackbar)
{
    /// <summary>
    /// Whether a service said no (a rule, bad input, a conflict, access, a missing record), as opposed to a bug.
    /// Only refusals become messages; anything else must still reach the circuit's error handling and the log.
    /// </summary>
    public static bool IsRefusal(Exception e) =>
        e is DomainRuleException or InputRejectedException or ConcurrencyConflictException or AccessDeniedException or NotFoundException;

    /// <summary>Runs a change a service may refuse; a refusal is shown as an error snackbar and gives default.</summary>
    public async Task<T?> TryAsync<T>(Func<Task<T>> change)
    {
        try
        {
            return await change();
        }
        catch (Exception e) when (IsRefusal(e))
        {
            snackbar.Add(For(e), Severity.Error);
            return default;
        }
    }

    public string For(Exception e) => e switch
    {
        DomainRuleException d => Code(d.Code, d.Args.Select(Arg).ToArray()),
        InputRejectedException i => string.Join("；", i.Errors.Select(For)),
        NotFoundException => l["Error.NotFound"],
        AccessDeniedException a => Code(a.Code),
        ConcurrencyConflictException c => l["Error.Conflict", ReferenceText.Person(c.ChangedBy), clock.Format(c.ChangedAt)],
        _ => l["Error.Unexpected"],
    };

    public string For(FieldError e) => Code(e.Code, e.Args.Select(Arg).ToArray());

    private string Code(string code, params object[] args)
    {
        var text = l["Error." + code, args];
        return text.ResourceNotFound ? l["Error.Unexpected"] : text;
    }

    // Enum arguments (statuses, priorities) and field names read in the user's language too.
    private object Arg(object value) => value switch
    {
        Scrm.Domain.Tickets.TicketStatus s => l["Status." + s].Value,
        string s when s.Length > 0 && l["Field." + s] is { ResourceNotFound: false } f => f.Value,
        _ => value,
    };
}
