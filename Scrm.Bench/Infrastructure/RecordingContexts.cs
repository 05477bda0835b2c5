using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Data.Interceptors;

namespace Scrm.Bench.Infrastructure;

/// <summary>
/// Contexts like the app's (same model, provider, file and interceptors) plus one that records every command, outside
/// the app's pool so that the timed paths are untouched. <see cref="Create{T}"/> builds one of the app's services on
/// them, e.g. a TicketQueries whose SQL can then be read, explained and replayed.
/// </summary>
internal sealed class RecordingContexts : IDbContextFactory<ScrmDbContext>
{
    private readonly IServiceProvider _app;
    private readonly DbContextOptions<SqliteScrmDbContext> _options;

    public RecordingContexts(IServiceProvider app, string connectionString)
    {
        _app = app;
        _options = new DbContextOptionsBuilder<SqliteScrmDbContext>()
            .UseSqlite(connectionString)
            .AddInterceptors(app.GetRequiredService<SqlitePragmaInterceptor>(), app.GetRequiredService<WritePathInterceptor>(),
                app.GetRequiredService<CommitSignalInterceptor>(), new Recorder(Commands))
            .Options;
    }

    /// <summary>Text and parameter values of each command, in the order they ran.</summary>
    public ConcurrentQueue<CapturedCommand> Commands { get; } = new();

    public ScrmDbContext CreateDbContext() => new SqliteScrmDbContext(_options);

    /// <summary>One of the app's services, with these contexts in place of its context factory.</summary>
    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(_app, this);

    /// <summary>The commands recorded while <paramref name="action"/> ran.</summary>
    public async Task<CapturedCommand[]> RecordAsync(Func<Task> action)
    {
        Commands.Clear();
        await action();
        return [.. Commands];
    }

    private sealed class Recorder(ConcurrentQueue<CapturedCommand> commands) : DbCommandInterceptor
    {
        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
            Note(command, result);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken ct = default) => ValueTask.FromResult(Note(command, result));

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
            Note(command, result);

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken ct = default) => ValueTask.FromResult(Note(command, result));

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
            Note(command, result);

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken ct = default) => ValueTask.FromResult(Note(command, result));

        private T Note<T>(DbCommand command, T result)
        {
            commands.Enqueue(new CapturedCommand(command.CommandText,
                command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value ?? DBNull.Value)).ToArray()));
            return result;
        }
    }
}

internal sealed record CapturedCommand(string Sql, (string Name, object Value)[] Parameters)
{
    public bool IsCount => Sql.Contains("COUNT(*)", StringComparison.Ordinal);
}
