using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Shared;
using Scrm.Domain.Flows;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Flows;

/// <summary>One version of a flow as lists and the history show it.</summary>
public sealed record FlowVersionRow(int Number, FlowVersionStatus Status, DateTimeOffset CreatedAt, string CreatedBy,
    DateTimeOffset SavedAt, string SavedBy, DateTimeOffset? PublishedAt, string? PublishedBy, int NodeCount)
{
    public static FlowVersionRow Of(FlowVersion v) => new(v.Number, v.Status, v.CreatedAt, v.CreatedBy, v.SavedAt, v.SavedBy,
        v.PublishedAt, v.PublishedBy, v.Definition.Nodes.Count);
}

/// <summary>A flow with its versions, newest last.</summary>
public sealed record FlowTemplateRow(long Id, string Key, string Name, string? NameEn, TicketType TicketType, string? Region,
    IReadOnlyList<FlowVersionRow> Versions)
{
    public FlowVersionRow? Published => Versions.LastOrDefault(v => v.Status == FlowVersionStatus.Published);
    public FlowVersionRow? Draft => Versions.LastOrDefault(v => v.Status == FlowVersionStatus.Draft);

    public static FlowTemplateRow Of(FlowTemplate t) =>
        new(t.Id, t.Key, t.Name, t.NameEn, t.TicketType, t.Region, t.Versions.OrderBy(v => v.Number).Select(FlowVersionRow.Of).ToList());
}

/// <summary>The flow a new ticket runs on: the exact version, so that a later publish does not move it.</summary>
public sealed record PublishedFlow(string Key, int Version, string? Region, FlowDefinition Definition);

/// <summary>
/// Flows: listing them, drawing drafts, publishing versions. Admins own head-office flows; a region's Manager owns
/// that region's flows and reads the head office's. Every change goes through the write path, audited.
/// </summary>
public sealed class FlowTemplates(IDbContextFactory<ScrmDbContext> dbFactory, WritePath writes, TimeProvider clock)
{
    public async Task<IReadOnlyList<FlowTemplateRow>> ListAsync(AccessScope scope, CancellationToken ct = default)
    {
        FlowAccess.EnsureDesigner(scope);
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var flows = await db.FlowTemplates.AsNoTracking().Include(t => t.Versions).AsSplitQuery()
            .OrderBy(t => t.Region).ThenBy(t => t.Key).ToListAsync(ct);
        return flows.Where(t => FlowAccess.MayRead(scope, t)).Select(FlowTemplateRow.Of).ToList();
    }

    /// <summary>The flow with all its versions.</summary>
    public async Task<FlowTemplate> GetAsync(AccessScope scope, string key, CancellationToken ct = default)
    {
        FlowAccess.EnsureDesigner(scope);
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var flow = await db.FlowTemplates.AsNoTracking().Include(t => t.Versions).FirstOrDefaultAsync(t => t.Key == key, ct)
            ?? throw new NotFoundException("Flow", key);
        if (!FlowAccess.MayRead(scope, flow)) throw FlowAccess.Denied(flow.Region);
        return flow;
    }

    /// <summary>The versions of a flow, newest first.</summary>
    public async Task<IReadOnlyList<FlowVersionRow>> HistoryAsync(AccessScope scope, string key, CancellationToken ct = default) =>
        (await GetAsync(scope, key, ct)).Versions.OrderByDescending(v => v.Number).Select(FlowVersionRow.Of).ToList();

    /// <summary>
    /// A new flow for <paramref name="type"/> tickets, head office (<paramref name="region"/> null) or a region's,
    /// with a first draft of Start → End to draw on.
    /// </summary>
    public async Task<FlowTemplate> CreateAsync(AccessScope scope, string key, string name, string? nameEn, TicketType type, string? region,
        CancellationToken ct = default)
    {
        FlowAccess.EnsureEdit(scope, region);
        var flow = FlowTemplate.Create(key, name, nameEn, type, region);
        flow.SaveDraft(Starter(), scope.Actor, clock.GetUtcNow());
        return await writes.RunAsync(scope, async (db, token) =>
        {
            if (await db.FlowTemplates.AnyAsync(t => t.Key == flow.Key, token))
                throw new InputRejectedException([new FieldError("key", "Flow.KeyTaken", $"A flow '{flow.Key}' exists already.", flow.Key)]);
            db.Add(flow);
            return flow;
        }, ct);
    }

    /// <summary>
    /// Saves the draft. With <paramref name="expectedVersion"/> (the flow's <see cref="FlowTemplate.Version"/> when the
    /// designer opened it) a save over someone else's is refused instead of overwriting it.
    /// </summary>
    public Task<FlowTemplate> SaveDraftAsync(AccessScope scope, string key, FlowDefinition definition, long? expectedVersion = null,
        CancellationToken ct = default) =>
        ChangeAsync(scope, key, expectedVersion, flow => flow.SaveDraft(definition, scope.Actor, clock.GetUtcNow()), ct);

    /// <summary>Publishes the draft as the version new tickets get; refused while the validator finds problems with it.</summary>
    public Task<FlowTemplate> PublishAsync(AccessScope scope, string key, long? expectedVersion = null, CancellationToken ct = default) =>
        ChangeAsync(scope, key, expectedVersion, flow =>
        {
            var draft = flow.Draft;
            flow.Publish(scope.Actor, clock.GetUtcNow(), draft is null ? [] : FlowValidator.Validate(draft.Definition));
        }, ct);

    public Task<FlowTemplate> DiscardDraftAsync(AccessScope scope, string key, long? expectedVersion = null, CancellationToken ct = default) =>
        ChangeAsync(scope, key, expectedVersion, flow => flow.DiscardDraft(), ct);

    /// <summary>
    /// The published flow a new ticket of <paramref name="type"/> in <paramref name="region"/> runs on: the region's own
    /// flow of that type when one is published, else the head office's (the first made, when several serve it).
    /// </summary>
    public async Task<PublishedFlow?> ForTicketAsync(TicketType type, string region, CancellationToken ct = default)
    {
        var key = (type, region);
        if (_published.TryGetValue(key, out var cached) && clock.GetUtcNow() - cached.LoadedAt < PublishedMaxAge) return cached.Flow;
        var generation = Volatile.Read(ref _generation);
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var flows = await db.FlowTemplates.AsNoTracking().Include(t => t.Versions)
            .Where(t => t.TicketType == type && (t.Region == region || t.Region == null)).OrderBy(t => t.Id).ToListAsync(ct);
        var chosen = flows.Where(t => t.Published is not null).OrderBy(t => t.Region is null).FirstOrDefault();
        var flow = chosen is null ? null : new PublishedFlow(chosen.Key, chosen.Published!.Number, chosen.Region, chosen.Published.Definition);
        // Only a flow found is kept (a database without flows yet asks again), and not when a change came meanwhile.
        if (flow is not null && generation == Volatile.Read(ref _generation)) _published[key] = (flow, clock.GetUtcNow());
        return flow;
    }

    /// <summary>
    /// Every new ticket asks which flow it runs on, and that read (all versions of the candidate flows) is what a flow
    /// start cost most before the instance was written: the answer is kept, forgotten on every change made here, and
    /// after a minute in case another instance (or a seeder writing directly) published one.
    /// </summary>
    private static readonly TimeSpan PublishedMaxAge = TimeSpan.FromMinutes(1);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(TicketType, string), (PublishedFlow? Flow, DateTimeOffset LoadedAt)> _published = new();
    private long _generation;

    /// <summary>Forgets the published flows kept in memory: the next ticket reads them again.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _published.Clear();
    }

    private Task<FlowTemplate> ChangeAsync(AccessScope scope, string key, long? expectedVersion, Action<FlowTemplate> change, CancellationToken ct)
    {
        FlowAccess.EnsureDesigner(scope);
        Invalidate();
        return writes.RunAsync(scope, async (db, token) =>
        {
            db.WriteState.OnCommit(Invalidate);
            var flow = await db.FlowTemplates.Include(t => t.Versions).FirstOrDefaultAsync(t => t.Key == key, token)
                ?? throw new NotFoundException("Flow", key);
            FlowAccess.EnsureEdit(scope, flow.Region);
            if (expectedVersion is { } expected && expected != flow.Version) throw Conflict(flow);
            change(flow);
            return flow;
        }, ct);
    }

    private static ConcurrencyConflictException Conflict(FlowTemplate flow)
    {
        var last = flow.Versions.OrderByDescending(v => v.PublishedAt > v.SavedAt ? v.PublishedAt : v.SavedAt).First();
        return last.PublishedAt is { } published && published > last.SavedAt
            ? new ConcurrencyConflictException(last.PublishedBy ?? "", published, flow.Version)
            : new ConcurrencyConflictException(last.SavedBy, last.SavedAt, flow.Version);
    }

    /// <summary>What a new flow starts as: 开始 joined to 结束, far enough apart to draw between.</summary>
    public static FlowDefinition Starter() => new()
    {
        Nodes =
        [
            new FlowNode { Id = "start", Kind = FlowNodeKind.Start, Label = "开始", LabelEn = "Start", X = 40, Y = 160 },
            new FlowNode { Id = "end", Kind = FlowNodeKind.End, Label = "结束", LabelEn = "End", X = 420, Y = 160 },
        ],
    };
}
