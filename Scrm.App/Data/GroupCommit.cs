using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Scrm.App.Events;
using Scrm.Domain.Common;

namespace Scrm.App.Data;

/// <summary>
/// SQLite's writes queue at the write gate anyway, so the writes waiting there are committed together: one writer
/// loop takes every queued write (up to <see cref="MaxBatch"/>), runs each on its own context joined to one shared
/// transaction, each inside a savepoint so that one refused write undoes only itself, and commits once. Callers
/// hear of their result only after that commit. The commit, not the work, is what a write pays for alone: raw
/// SQLite did 2.6–3.3× the tickets per second with 4 per transaction (docs/benchmarks.md, ADR 0008).
/// </summary>
public sealed class GroupCommit(IDbContextFactory<ScrmDbContext> dbFactory, WriteGate gate, CommitSignal signal,
    RecentEvents recent, ILogger<GroupCommit> log) : IAsyncDisposable
{
    public const int MaxBatch = 32;

    private readonly Channel<QueuedWrite> _queue = Channel.CreateUnbounded<QueuedWrite>();
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    /// <summary>Queues <paramref name="change"/> (which saves on <paramref name="db"/>) and completes when it committed or failed.</summary>
    public Task<T> RunAsync<T>(ScrmDbContext db, Func<Task<T>> change, CancellationToken ct) => RunAsync(db, WritePath.OwnWrite, change, ct);

    /// <summary>As <see cref="RunAsync{T}(ScrmDbContext, Func{Task{T}}, CancellationToken)"/>, counted under <paramref name="kind"/> in <see cref="BusyByKind"/>.</summary>
    public Task<T> RunAsync<T>(ScrmDbContext db, string kind, Func<Task<T>> change, CancellationToken ct)
    {
        var write = new QueuedWrite<T>(db, kind, change, ct);
        if (!_queue.Writer.TryWrite(write)) throw new ObjectDisposedException(nameof(GroupCommit));
        if (Volatile.Read(ref _loop) is null) Start();
        return write.Result;
    }

    private void Start()
    {
        var loop = new Task<Task>(() => LoopAsync(_stop.Token));
        if (Interlocked.CompareExchange(ref _loop, loop.Unwrap(), null) is null) loop.Start(TaskScheduler.Default);
    }

    private async Task LoopAsync(CancellationToken stop)
    {
        var batch = new List<QueuedWrite>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stop))
            {
                // The batch is taken once the gate is ours, so that whatever queued while we waited joins it.
                using var turn = await gate.EnterAsync(stop);
                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var write))
                {
                    if (write.Cancelled) write.Fail(new OperationCanceledException(write.Token));
                    else batch.Add(write);
                }
                if (batch.Count > 0) await CommitAsync(batch);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        while (_queue.Reader.TryRead(out var left)) left.Fail(new ObjectDisposedException(nameof(GroupCommit)));
    }

    /// <summary>Writes waiting for the next batch.</summary>
    public int Queued => _queue.Reader.Count;

    /// <summary>Transactions committed so far (each holding one or more writes).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    private long _commits;

    /// <summary>
    /// How long the writer loop has spent committing batches, and how many writes it ran: every write in the process
    /// passes through this one loop, so its busy share of the wall clock is how close the process is to its write
    /// ceiling (Scrm.Bench's flowstart prints it).
    /// </summary>
    public TimeSpan Busy => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _busyTicks));

    /// <inheritdoc cref="Busy"/>
    public long Writes => _byKind.Where(k => k.Key != CommitKind).Sum(k => Interlocked.Read(ref k.Value.Count));

    private long _busyTicks;

    /// <summary>What <see cref="BusyByKind"/> calls the commits themselves.</summary>
    public const string CommitKind = "(commit)";

    /// <summary>The loop's time by kind of write (a handler's name, or <see cref="WritePath.OwnWrite"/>), and <see cref="CommitKind"/>.</summary>
    public IReadOnlyDictionary<string, (TimeSpan Busy, long Writes)> BusyByKind =>
        _byKind.ToDictionary(p => p.Key, p => (Stopwatch.GetElapsedTime(0, p.Value.Ticks), p.Value.Count));

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, KindFigures> _byKind = new(StringComparer.Ordinal);

    private void Count(string kind, long started)
    {
        var figures = _byKind.GetOrAdd(kind, static _ => new KindFigures());
        Interlocked.Add(ref figures.Ticks, Stopwatch.GetTimestamp() - started);
        Interlocked.Increment(ref figures.Count);
    }

    private sealed class KindFigures
    {
        public long Ticks;
        public long Count;
    }

    private async Task CommitAsync(List<QueuedWrite> batch)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await CommitBatchAsync(batch);
        }
        finally
        {
            Interlocked.Add(ref _busyTicks, Stopwatch.GetTimestamp() - started);
        }
    }

    private async Task CommitBatchAsync(List<QueuedWrite> batch)
    {
        var done = new List<QueuedWrite>(batch.Count);
        try
        {
            await using var host = await dbFactory.CreateForAsync(AccessScope.System);
            await using var tx = await host.Database.BeginTransactionAsync();
            var stored = new List<StoredEvent>();
            var afterCommit = new List<Action>();
            var savepoints = batch.Count > 1;
            for (var i = 0; i < batch.Count; i++)
            {
                var write = batch[i];
                var writeStarted = Stopwatch.GetTimestamp();
                if (savepoints) await tx.CreateSavepointAsync(Savepoint(i));
                Exception? refused = null;
                try
                {
                    await JoinAsync(write.Db, host.Database.GetDbConnection(), tx.GetDbTransaction());
                    await write.RunAsync();
                    stored.AddRange(write.Db.WriteState.Stored.Select(s => new StoredEvent(s.Row.Id, s.Row.Type, s.Event)));
                    afterCommit.AddRange(write.Db.WriteState.AfterCommit);
                    done.Add(write);
                    // Released at once, though the commit would release it too: while any savepoint is open SQLite keeps
                    // a sub-journal of the pages changed since, and every statement that may abort truncates it back
                    // walking its chunks from the start. Left open, 32 nested savepoints made that walk grow with
                    // the batch (memjrnlTruncate ~10 % of the writer loop); released, the journal empties after each write.
                    if (savepoints) await tx.ReleaseSavepointAsync(Savepoint(i));
                }
                catch (Exception e)
                {
                    // Only this write's statements go; the writes before it stay in the transaction.
                    refused = e;
                    if (savepoints) await tx.RollbackToSavepointAsync(Savepoint(i));
                }
                finally
                {
                    await LeaveAsync(write.Db);
                    Count(write.Kind, writeStarted);
                }
                // Told only now: the caller disposes its context as soon as it hears, so the context must be back.
                if (refused is not null) write.Fail(refused);
            }
            if (done.Count == 0) return;
            var commitStarted = Stopwatch.GetTimestamp();
            await tx.CommitAsync();
            Count(CommitKind, commitStarted);
            Interlocked.Increment(ref _commits);
            foreach (var write in done) write.Succeed();
            foreach (var action in afterCommit) action();
            if (stored.Count == 0) return;
            recent.Committed(stored);
            signal.Raise();
        }
        catch (Exception e)
        {
            log.LogWarning(e, "A group commit of {Count} writes failed; each of them gets the error.", done.Count);
            foreach (var write in batch) write.Fail(e);
        }
    }

    private static string Savepoint(int i) => "w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // The write's own context (it may have read before it queued, and its entities are tracked there) borrows the
    // batch's connection and transaction for its turn, then gets its own connection back for the pool.
    private static async Task JoinAsync(ScrmDbContext db, DbConnection connection, DbTransaction transaction)
    {
        db.WriteState.OwnConnectionString = db.Database.GetConnectionString();
        await db.Database.CloseConnectionAsync();
        db.Database.SetDbConnection(connection, contextOwnsConnection: false);
        await db.Database.UseTransactionAsync(transaction);
        db.Database.AutoSavepointsEnabled = false;
    }

    private static async Task LeaveAsync(ScrmDbContext db)
    {
        if (db.WriteState.OwnConnectionString is not { } own) return;
        db.WriteState.OwnConnectionString = null;
        db.WriteState.StoredEvents = false;
        db.WriteState.Stored.Clear();
        db.WriteState.AfterCommit.Clear();
        await db.Database.UseTransactionAsync(null);
        db.Database.AutoSavepointsEnabled = true;
        db.Database.SetDbConnection(null, contextOwnsConnection: false);
        db.Database.SetConnectionString(own);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync();
        if (Volatile.Read(ref _loop) is { } loop) await loop;
        _stop.Dispose();
    }

    private abstract class QueuedWrite(ScrmDbContext db, string kind, CancellationToken token)
    {
        public ScrmDbContext Db { get; } = db;

        public string Kind { get; } = kind;

        public CancellationToken Token { get; } = token;

        public bool Cancelled => Token.IsCancellationRequested;

        public abstract Task RunAsync();

        public abstract void Succeed();

        public abstract void Fail(Exception e);
    }

    private sealed class QueuedWrite<T>(ScrmDbContext db, string kind, Func<Task<T>> change, CancellationToken token) : QueuedWrite(db, kind, token)
    {
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        // The caller's async-locals (culture, log scopes, traces, test hooks) go with its write into the loop.
        private readonly CapturedContext _caller = new();
        private T? _value;

        public Task<T> Result => _result.Task;

        public override Task RunAsync() => _caller.Run(RunHereAsync);

        private async Task RunHereAsync() => _value = await change();

        public override void Succeed() => _result.TrySetResult(_value!);

        public override void Fail(Exception e)
        {
            if (e is OperationCanceledException && Token.IsCancellationRequested) _result.TrySetCanceled(Token);
            else _result.TrySetException(e);
        }
    }
}
