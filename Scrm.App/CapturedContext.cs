namespace Scrm.App;

/// <summary>
/// Async work started for someone else, in their async context (UI culture, log scopes, test hooks) rather than
/// in that of the thread that happens to start it: a queued write runs as its caller, a live update as its screen.
/// </summary>
public sealed class CapturedContext
{
    private readonly ExecutionContext? _captured = ExecutionContext.Capture();

    /// <summary>Starts <paramref name="work"/> in the context captured when this object was made.</summary>
    public Task Run(Func<Task> work)
    {
        if (_captured is null) return work();
        Task? started = null;
        // The async method captures the context it starts in for each of its awaits, so starting it inside is enough.
        ExecutionContext.Run(_captured, _ => started = work(), null);
        return started!;
    }
}
