using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Scrm.Tests.Infrastructure;

/// <summary>
/// Lets a test step in between the app's SQL commands: run something just before a command (to lose a race on
/// purpose) or make a command fail (to prove what a transaction rolls back). Hooks live in the calling test's
/// async flow only, so tests running beside it on the same host never see them.
/// </summary>
public sealed class CommandHooks : DbCommandInterceptor
{
    private static readonly AsyncLocal<Hook?> Current = new();

    private sealed class Hook(string fragment, Func<Task>? before, bool fail)
    {
        public string Fragment { get; } = fragment;
        public Func<Task>? Before { get; set; } = before;
        public bool Fail { get; } = fail;
    }

    /// <summary>Runs <paramref name="action"/> once, right before the first command whose SQL contains <paramref name="sqlFragment"/>.</summary>
    public static IDisposable Before(string sqlFragment, Func<Task> action) => Set(new Hook(sqlFragment, action, fail: false));

    /// <summary>Makes every command whose SQL contains <paramref name="sqlFragment"/> fail as the database would.</summary>
    public static IDisposable Fail(string sqlFragment) => Set(new Hook(sqlFragment, null, fail: true));

    private static Restore Set(Hook hook)
    {
        var previous = Current.Value;
        Current.Value = hook;
        return new Restore(previous);
    }

    private sealed class Restore(Hook? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }

    private static async Task RunAsync(DbCommand command)
    {
        if (Current.Value is not { } hook || !command.CommandText.Contains(hook.Fragment, StringComparison.Ordinal)) return;
        if (hook.Fail) throw new SqliteException($"Injected failure for a command containing {hook.Fragment}.", 19);
        if (hook.Before is { } before)
        {
            hook.Before = null;  // once: the action's own commands must not trigger it again
            await before();
        }
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command,
        CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken ct = default)
    {
        await RunAsync(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command,
        CommandEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        await RunAsync(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command,
        CommandEventData eventData, InterceptionResult<object> result, CancellationToken ct = default)
    {
        await RunAsync(command);
        return result;
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result)
    {
        RunAsync(command).GetAwaiter().GetResult();
        return result;
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        RunAsync(command).GetAwaiter().GetResult();
        return result;
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        RunAsync(command).GetAwaiter().GetResult();
        return result;
    }
}
