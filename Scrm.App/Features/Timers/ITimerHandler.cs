using Scrm.App.Data;

namespace Scrm.App.Features.Timers;

/// <summary>
/// Does what a timer of its <see cref="Kind"/> stands for. It makes its change on <paramref name="db"/> (and saves
/// nothing itself, or saves on that context): the worker commits it with the timer's fired mark, so a timer's effect
/// is kept exactly once. Throwing undoes the change; the timer is tried again later.
/// </summary>
public interface ITimerHandler
{
    string Kind { get; }

    Task FireAsync(ScrmDbContext db, DueTimer timer, CancellationToken ct);
}
