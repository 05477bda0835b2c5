using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Localization;
using Scrm.App.Components.Shared;
using Scrm.App.Resources;

namespace Scrm.App.Features.Tickets;

/// <summary>
/// The parts of a board card that only change with the ticket (number, priority, title, customer, city, assignee), as
/// one piece of HTML. A card rendered element by element costs ~27 render-tree frames, and Blazor keeps every frame
/// of a circuit's tree twice (the last render and the one before it); as markup it costs one frame. The text is
/// cached on the (shared, immutable) <see cref="TicketRow"/> per language and card size, so every board showing the
/// ticket holds the same string. Cards that need events keep them on the card element itself (drag), and the link
/// inside is an ordinary anchor that Blazor's router intercepts like any other.
/// </summary>
public static class BoardCardMarkup
{
    private static readonly ConditionalWeakTable<TicketRow, ConcurrentCache> Cache = new();

    public static string For(TicketRow t, bool compact, IStringLocalizer<SharedResource> l)
    {
        var key = (CultureInfo.CurrentUICulture.Name, compact);
        var cache = Cache.GetValue(t, _ => new ConcurrentCache());
        return cache.GetOrAdd(key, k => Build(t, k.Compact, l));
    }

    private static string Build(TicketRow t, bool compact, IStringLocalizer<SharedResource> l)
    {
        var priority = Encode(l["Priority." + t.Priority].Value);
        var priorityClass = "priority-" + t.Priority.ToString().ToLowerInvariant();
        var number = $"<a href=\"/tickets/{Encode(t.Number)}\" class=\"card-number\" draggable=\"false\">{Encode(t.Number)}</a>";
        if (compact)
            return $"<span class=\"priority-dot {priorityClass}\" role=\"img\" aria-label=\"{priority}\"></span>{number}" +
                   $"<span class=\"card-title\" title=\"{Encode(t.Title)}\">{Encode(t.Title)}</span>";
        return number +
               $"<span class=\"priority-tag {priorityClass}\">{priority}</span>" +
               $"<div class=\"card-title\">{Encode(t.Title)}</div>" +
               $"<div class=\"card-meta card-site\">{Encode(t.CustomerName + " · " + ReferenceText.City(t.City))}</div>" +
               $"<div class=\"card-meta card-assignee\">{Encode(t.AssigneeName ?? l["Board.Unassigned"].Value)}</div>";
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private sealed class ConcurrentCache : System.Collections.Concurrent.ConcurrentDictionary<(string Culture, bool Compact), string>
    {
        public ConcurrentCache() : base(concurrencyLevel: 1, capacity: 2) { }
    }
}
