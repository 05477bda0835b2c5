using Microsoft.Extensions.Localization;
using Scrm.App.Features.Shared;
using Scrm.App.Resources;
using Scrm.Domain.Common;

namespace Scrm.App.Components.Shared;

/// <summary>Turns what a service refused into a sentence for the user, in their language. Never a stack trace.</summary>
public sealed class ErrorMessages(IStringLocalizer<SharedResource> l, BusinessClock clock)
{
    public string For(Exception e) => e switch
    {
        DomainRuleException d => Code(d.Code, d.Args.Select(Arg).ToArray()),
        InputRejectedException i => string.Join("；", i.Errors.Select(For)),
        NotFoundException => l["Error.NotFound"],
        AccessDeniedException a => Code(a.Code),
        ConcurrencyConflictException c => l["Error.Conflict", c.ChangedBy, clock.Format(c.ChangedAt)],
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
