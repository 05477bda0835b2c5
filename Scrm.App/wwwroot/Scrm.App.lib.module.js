// Blazor's JS initializer (found by the assembly's name). The board's cards are plain markup with no handler each;
// picking one up raises "cardpickup" on the board with the number of the card under the pointer (CardPickupEventArgs).
export function afterWebStarted(blazor) {
    blazor.registerCustomEventType('cardpickup', {
        browserEventName: 'dragstart',
        createEventArgs: event => ({ number: event.target?.closest?.('[data-number]')?.dataset.number ?? null }),
    });
}
