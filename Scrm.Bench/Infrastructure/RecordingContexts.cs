using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Data.Interceptors;

namespace Scrm.Bench.Infrastructure;

/// <summary>
/// Contexts like the app's (same model, provider, file and interceptors, pooled) plus two recorders: EF's commands with
/// their parameters, and every statement SQLite itself ran (BEGIN, COMMIT, PRAGMAs and the write path's own ADO.NET
/// commands too), see <see cref="SqliteHook"/>. Their connections are pooled apart from the app's (the connection string
/// differs), so that the timed paths are untouched. <see cref="Create{T}"/> builds one of the app's services on them,
/// e.g. a TicketQueries whose SQL can then be read, explained and replayed.
/// </summary>
internal sealed class RecordingContexts : IDbContextFactory<ScrmDbContext>
{
    private readonly IServiceProvider _app;
    private readonly PooledDbContextFactory<SqliteScrmDbContext> _pool;
    private readonly AsyncLocal<List<ProfiledStatement>?> _flow = new();

    public RecordingContexts(IServiceProvider app, string connectionString, SqliteHook hook = SqliteHook.Trace)
    {
        _app = app;
        // Same settings as the app's (the default timeout is 30 s); a different string is a different connection pool.
        var ownPool = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 30 }.ToString();
        var options = new DbContextOptionsBuilder<SqliteScrmDbContext>()
            .UseSqlite(ownPool)
            .AddInterceptors(app.GetRequiredService<SqlitePragmaInterceptor>(), app.GetRequiredService<WritePathInterceptor>(),
                app.GetRequiredService<CommitSignalInterceptor>(), new Recorder(Commands),
                new StatementProfiler(this, hook), new CommitClock(this))
            .Options;
        _pool = new PooledDbContextFactory<SqliteScrmDbContext>(options);
    }

    /// <summary>Text and parameter values of each command EF ran, in order.</summary>
    public ConcurrentQueue<CapturedCommand> Commands { get; } = new();

    /// <summary>Every statement SQLite ran on these contexts' connections (and each commit's end), unless <see cref="TrackFlow"/> took it.</summary>
    public ConcurrentQueue<ProfiledStatement> Statements { get; } = new();

    public ScrmDbContext CreateDbContext()
    {
        var db = _pool.CreateDbContext();
        db.ResetAccess();
        return db;
    }

    /// <summary>One of the app's services, with these contexts in place of its context factory (and any of <paramref name="services"/>).</summary>
    public T Create<T>(params object[] services) => ActivatorUtilities.CreateInstance<T>(_app, [this, .. services]);

    /// <summary>Statements run from here on in this async flow (one operation among concurrent ones) go to <paramref name="into"/>.</summary>
    public void TrackFlow(List<ProfiledStatement>? into) => _flow.Value = into;

    internal void Note(ProfiledStatement statement)
    {
        if (_flow.Value is { } flow) flow.Add(statement);
        else Statements.Enqueue(statement);
    }

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

/// <summary>Which SQLite callback times the statements; SQLite keeps only one of the two per connection.</summary>
internal enum SqliteHook
{
    /// <summary>Called as each statement starts; stamped with the Stopwatch.</summary>
    Trace,

    /// <summary>Called as each statement ends, with its time inside SQLite in whole milliseconds (SQLite's clock): only a mean over many says anything.</summary>
    Profile,
}

file sealed class StatementProfiler(RecordingContexts owner, SqliteHook hook) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Install(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        Install(connection);
        return Task.CompletedTask;
    }

    private void Install(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite) return;
        if (hook == SqliteHook.Trace) SQLitePCL.raw.sqlite3_trace(sqlite.Handle, Started, owner);
        else SQLitePCL.raw.sqlite3_profile(sqlite.Handle, Ended, owner);
    }

    // Both run on the thread that stepped the statement, so the async flow of the operation that ran it is current.
    private static void Started(object owner, string sql) =>
        ((RecordingContexts)owner).Note(new ProfiledStatement(sql, Stopwatch.GetTimestamp(), double.NaN));

    private static void Ended(object owner, string sql, long nanoseconds) =>
        ((RecordingContexts)owner).Note(new ProfiledStatement(sql, Stopwatch.GetTimestamp(), nanoseconds / 1e6));
}

/// <summary>Notes when a transaction has committed, as <see cref="ProfiledStatement.Committed"/>: the write path lets go of the gate right after.</summary>
file sealed class CommitClock(RecordingContexts owner) : DbTransactionInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Note();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        Note();
        return Task.CompletedTask;
    }

    private void Note() => owner.Note(new ProfiledStatement(ProfiledStatement.Committed, Stopwatch.GetTimestamp(), double.NaN));
}

/// <summary>
/// A statement as SQLite ran it: its text, a Stopwatch timestamp (its start with <see cref="SqliteHook.Trace"/>, its end
/// with <see cref="SqliteHook.Profile"/>) and, with the profile, SQLite's own figure for its time inside SQLite.
/// </summary>
internal sealed partial record ProfiledStatement(string Sql, long At, double SqliteMs)
{
    /// <summary>Not a statement: the moment a transaction's commit returned.</summary>
    public const string Committed = "-- committed";

    /// <summary>What the statement does and to which table, e.g. <c>INSERT INTO "Tickets"</c>, <c>SELECT FROM "Customers"</c>, <c>COMMIT</c>.</summary>
    public string Kind
    {
        get
        {
            var words = Sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) return "";
            var kind = words[0] switch
            {
                "SELECT" => $"SELECT FROM {FromTable().Match(Sql).Groups[1].Value}",
                "INSERT" or "DELETE" or "PRAGMA" => string.Join(' ', words.Take(words[0] == "PRAGMA" ? 2 : 3)),
                _ => string.Join(' ', words.Take(2)),
            };
            return kind.TrimEnd(';');
        }
    }

    [GeneratedRegex("""FROM\s+("\w+")""")]
    private static partial Regex FromTable();
}

internal sealed record CapturedCommand(string Sql, (string Name, object Value)[] Parameters)
{
    public bool IsCount => Sql.Contains("COUNT(*)", StringComparison.Ordinal);
}
