namespace Scrm.App.Components.Shared;

/// <summary>
/// A page's writes, one after another. A button greys out only once the server's render reaches the browser, so a
/// quick second press (Publish straight after Save) arrives while the first still awaits the database: a greyed-out
/// MudButton drops it without a word, and a handler let in would work from the state before the first came back
/// (saving again with the version it started from, then a conflict). Pressed while busy, a button here waits its turn.
/// </summary>
public sealed class OneAtATime
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>True while a write runs: the page shows that it is working, and leaves its buttons pressable.</summary>
    public bool Busy => _turn.CurrentCount == 0;

    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        await _turn.WaitAsync();
        try
        {
            return await work();
        }
        finally
        {
            _turn.Release();
        }
    }

    public Task RunAsync(Func<Task> work) => RunAsync(async () =>
    {
        await work();
        return true;
    });
}
