using Microsoft.AspNetCore.Components;

namespace Scrm.App.Features.Tickets;

/// <summary>
/// A card picked up on the board (the browser's dragstart), with the ticket number read in the browser from the card
/// under the pointer (wwwroot/Scrm.App.lib.module.js). One handler on the board instead of one per card: every event
/// handler is an entry in the circuit's handler table and frames in its render tree, on every open board.
/// </summary>
public sealed class CardPickupEventArgs : EventArgs
{
    public string? Number { get; set; }
}

/// <summary>
/// Declares the event and its argument type. The board binds it as a plain delegate attribute
/// (<c>oncardpickup="@PickUpHandler"</c>): the Razor compiler did not pick up <c>@oncardpickup</c> from this project, and
/// the renderer reads the argument type from the handler's parameter either way.
/// </summary>
[EventHandler("oncardpickup", typeof(CardPickupEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
public static class BoardEventHandlers;
