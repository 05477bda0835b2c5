using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Localization;
using Scrm.App.Components.Shared;
using Scrm.App.Resources;

namespace Scrm.App.Features.Tickets;

/// <summary>
/// A whole board card as one piece of HTML: the card element with its attributes, the ticket's text and the age or
/// SLA badge. Blazor keeps every frame of a circuit's render tree twice (the last render and the one before it); a
/// card built element by element was ~12 frames and an event handler, as markup it is one frame and none (a card is
/// picked up through the board's one <see cref="CardPickupEventArgs"/> handler). The strings are cached on the
/// shared, immutable <see cref="TicketRow"/> (<see cref="BoardRows"/>), so every board that shows the card in the same
/// state holds the same string; only the badge changes with the clock, and the cache keeps its latest few variants.
/// </summary>
public static class BoardCardMarkup
{
    /// <summary>Variants of one card kept (languages × sizes × badge states); beyond it the row's cache starts again.</summary>
    private const int VariantsPerRow = 16;

    private static readonly ConditionalWeakTable<TicketRow, ConcurrentDictionary<CardKey, string>> Cache = new();

    /// <summary>
    /// The card of <paramref name="t"/>: <paramref name="cardClass"/> on the element, draggable unless
    /// <paramref name="readOnly"/>, and (full cards only) the badge with <paramref name="badgeText"/>.
    /// </summary>
    public static string Card(TicketRow t, bool compact, bool readOnly, string cardClass, string badgeTitle, string badgeText,
        IStringLocalizer<SharedResource> l)
    {
        var cache = Cache.GetValue(t, _ => new ConcurrentDictionary<CardKey, string>(concurrencyLevel: 1, capacity: 4));
        var key = new CardKey(CultureInfo.CurrentUICulture.Name, compact, readOnly, cardClass, compact ? "" : badgeTitle, compact ? "" : badgeText);
        if (cache.TryGetValue(key, out var html)) return html;
        if (cache.Count >= VariantsPerRow) cache.Clear();
        return cache.GetOrAdd(key, k => Build(t, k, l));
    }

    private static string Build(TicketRow t, CardKey k, IStringLocalizer<SharedResource> l)
    {
        var number = Encode(t.Number);
        var open = $"<article class=\"{k.Class}\" draggable=\"{(k.ReadOnly ? "false" : "true")}\" data-testid=\"card\" data-number=\"{number}\" " +
                   $"data-version=\"{t.Version.ToString(CultureInfo.InvariantCulture)}\">";
        var priority = Encode(l["Priority." + t.Priority].Value);
        var priorityClass = "priority-" + t.Priority.ToString().ToLowerInvariant();
        var link = $"<a href=\"/tickets/{number}\" class=\"card-number\" draggable=\"false\">{number}</a>";
        if (k.Compact)
            return open + $"<span class=\"priority-dot {priorityClass}\" role=\"img\" aria-label=\"{priority}\"></span>{link}" +
                   $"<span class=\"card-title\" title=\"{Encode(t.Title)}\">{Encode(t.Title)}</span></article>";
        return open + link +
               $"<span class=\"priority-tag {priorityClass}\">{priority}</span>" +
               $"<div class=\"card-title\">{Encode(t.Title)}</div>" +
               $"<div class=\"card-meta card-site\">{Encode(t.CustomerName + " · " + ReferenceText.City(t.City))}</div>" +
               $"<div class=\"card-meta card-assignee\">{Encode(t.AssigneeName ?? l["Board.Unassigned"].Value)}</div>" +
               $"<span class=\"card-age\" title=\"{Encode(k.BadgeTitle)}\">{Encode(k.BadgeText)}</span></article>";
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private readonly record struct CardKey(string Culture, bool Compact, bool ReadOnly, string Class, string BadgeTitle, string BadgeText);
}
