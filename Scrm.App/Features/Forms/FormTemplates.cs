using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;
using Scrm.App.Data;
using Scrm.App.Features.Shared;
using Scrm.Domain.Forms;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Forms;

/// <summary>A template as lists show it: one row per head-office template or region variant.</summary>
public sealed record FormTemplateRow(long Id, string Key, string NameZh, string? NameEn, TicketType TicketType, string? Region,
    int? PublishedVersion, DateTimeOffset? PublishedAt, bool HasDraft, int Versions);

public sealed record PublishedVariant(string Region, int Version);

public sealed record PublishedTemplate(string Key, string NameZh, string? NameEn, TicketType TicketType, int Version,
    IReadOnlyList<PublishedVariant> Variants);

/// <summary>The form a ticket of a type and region is created with: the published version(s) it was composed of.</summary>
public sealed record TicketForm(string Key, string NameZh, string? NameEn, TicketType TicketType, int Version, int? VariantVersion,
    string? Region, FormDefinition Definition);

/// <summary>
/// Ticket templates: reading them, editing drafts, publishing versions. Admins own head-office templates; a
/// region's Manager owns that region's variant and reads the head-office template it varies. Every change goes
/// through the write path, audited.
/// </summary>
public sealed class FormTemplates(IDbContextFactory<ScrmDbContext> dbFactory, WritePath writes, IMemoryCache cache, TimeProvider clock)
{
    // Published forms are read by every create that carries a form (inside its write) and every public intake page, and
    // change only when someone publishes: they are kept composed, regexes compiled, in memory. A publish here forgets
    // them at once; one by another instance shows within PublishedCacheFor. Versions tickets carry never change.
    private static readonly TimeSpan PublishedCacheFor = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan VersionCacheFor = TimeSpan.FromMinutes(10);
    private CancellationTokenSource _publishedGeneration = new();

    public async Task<IReadOnlyList<FormTemplateRow>> ListAsync(AccessScope scope, CancellationToken ct = default)
    {
        FormAccess.EnsureDesigner(scope);
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var templates = await db.FormTemplates.AsNoTracking().Include(t => t.Versions).AsSplitQuery()
            .OrderBy(t => t.Key).ThenBy(t => t.Region).ToListAsync(ct);
        return templates.Where(t => FormAccess.MayRead(scope, t)).Select(Row).ToList();
    }

    /// <summary>Every published head-office template with its published region variants: what anyone may fill in.</summary>
    public Task<IReadOnlyList<PublishedTemplate>> PublishedAsync(CancellationToken ct = default) =>
        PublishedCachedAsync("forms:published", () => ReadPublishedAsync(ct));

    private async Task<IReadOnlyList<PublishedTemplate>> ReadPublishedAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var all = await db.FormTemplates.AsNoTracking().Include(t => t.Versions).AsSplitQuery().OrderBy(t => t.Key).ToListAsync(ct);
        return all.Where(t => t.Region is null && t.Published is not null)
            .Select(t => new PublishedTemplate(t.Key, t.NameZh, t.NameEn, t.TicketType, t.Published!.Number,
                all.Where(v => v.Key == t.Key && v.Region is not null && v.Published is not null)
                    .Select(v => new PublishedVariant(v.Region!, v.Published!.Number)).ToList()))
            .ToList();
    }

    /// <summary>The template with all its versions; <paramref name="region"/> null for the head-office one.</summary>
    public async Task<FormTemplate> GetAsync(AccessScope scope, string key, string? region, CancellationToken ct = default)
    {
        FormAccess.EnsureDesigner(scope);
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var template = await FindAsync(db, key, region, ct) ?? throw new NotFoundException("FormTemplate", Describe(key, region));
        if (!FormAccess.MayRead(scope, template)) throw FormAccess.Denied(region);
        return template;
    }

    /// <summary>A new head-office template with an empty draft (Admin only).</summary>
    public async Task<FormTemplate> CreateAsync(AccessScope scope, string key, string nameZh, string? nameEn, TicketType type, CancellationToken ct = default)
    {
        FormAccess.EnsureEdit(scope, region: null);
        var template = FormTemplate.CreateHeadOffice(key, nameZh, nameEn, type);
        template.SaveDraft([], clock.GetUtcNow());
        return await writes.RunAsync(scope, async (db, token) =>
        {
            if (await FindAsync(db, template.Key, null, token) is not null)
                throw new InputRejectedException([new FieldError("key", "Form.KeyTaken", $"A template '{template.Key}' exists already.", template.Key)]);
            db.FormTemplates.Add(template);
            return template;
        }, ct);
    }

    /// <summary>
    /// Saves the draft of the head-office template (<paramref name="region"/> null) or of a region's variant, which is
    /// made on first save. Published versions never change: the draft becomes the next version when published.
    /// </summary>
    public Task<FormTemplate> SaveDraftAsync(AccessScope scope, string key, string? region, IReadOnlyList<FormField> fields,
        IReadOnlyList<string>? hiddenKeys = null, CancellationToken ct = default)
    {
        FormAccess.EnsureEdit(scope, region);
        return writes.RunAsync(scope, async (db, token) =>
        {
            var template = await FindAsync(db, key, region, token) ?? await NewVariantAsync(db, key, region, token);
            template.SaveDraft(fields, clock.GetUtcNow(), hiddenKeys);
            return template;
        }, ct);
    }

    /// <summary>Publishes the draft as the next version; a schema that cannot be valid is refused with each problem named.</summary>
    public async Task<FormTemplate> PublishAsync(AccessScope scope, string key, string? region, CancellationToken ct = default)
    {
        FormAccess.EnsureEdit(scope, region);
        var published = await writes.RunAsync(scope, async (db, token) =>
        {
            var template = await FindAsync(db, key, region, token) ?? throw new NotFoundException("FormTemplate", Describe(key, region));
            var headOffice = region is null ? null : (await FindAsync(db, key, null, token))?.Published;
            template.Publish(clock.GetUtcNow(), headOffice);
            return template;
        }, ct);
        ForgetPublished();
        return published;
    }

    /// <summary>
    /// Drops the draft of the head-office template (<paramref name="region"/> null) or of a region's variant: the designer
    /// goes back to the published version. Published forms do not change, so nothing kept in memory is forgotten.
    /// </summary>
    public Task<FormTemplate> DiscardDraftAsync(AccessScope scope, string key, string? region, CancellationToken ct = default)
    {
        FormAccess.EnsureEdit(scope, region);
        return writes.RunAsync(scope, async (db, token) =>
        {
            var template = await FindAsync(db, key, region, token) ?? throw new NotFoundException("FormTemplate", Describe(key, region));
            template.DiscardDraft();
            return template;
        }, ct);
    }

    /// <summary>
    /// The published form for a new ticket of <paramref name="type"/> in <paramref name="region"/>: the head-office
    /// template of that type (the first made, when several serve it) with the region's published variant applied.
    /// Null when no template of that type is published.
    /// </summary>
    public Task<TicketForm?> ForTicketAsync(TicketType type, string region, CancellationToken ct = default) =>
        PublishedCachedAsync($"forms:type:{type}:{region}", async () =>
        {
            await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
            var headOffice = await db.FormTemplates.AsNoTracking().Include(t => t.Versions)
                .Where(t => t.TicketType == type && t.Region == null).OrderBy(t => t.Id).FirstOrDefaultAsync(ct);
            return headOffice is null ? null : await ComposeAsync(db, headOffice, region, ct);
        });

    /// <summary>The published form behind a public intake link, for <paramref name="region"/> or head office.</summary>
    public Task<TicketForm?> ForIntakeAsync(string key, string? region, CancellationToken ct = default) =>
        PublishedCachedAsync($"forms:key:{key}:{region}", async () =>
        {
            await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
            var headOffice = await ReadAsync(db, key, null, ct);
            return headOffice is null ? null : await ComposeAsync(db, headOffice, region, ct);
        });

    /// <summary>Exactly the form a ticket was created with, however the template changed since.</summary>
    public async Task<FormDefinition?> VersionAsync(string key, int version, string? region, int? variantVersion, CancellationToken ct = default)
    {
        var cacheKey = $"forms:version:{key}:{version}:{region}:{variantVersion}";
        if (cache.TryGetValue(cacheKey, out FormDefinition? known)) return known;
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var hq = (await ReadAsync(db, key, null, ct))?.Versions.FirstOrDefault(v => v.Number == version);
        if (hq is null) return null;
        var own = region is null || variantVersion is null ? null
            : (await ReadAsync(db, key, region, ct))?.Versions.FirstOrDefault(v => v.Number == variantVersion);
        var definition = own is null ? hq.Definition : FormDefinition.Compose(hq, own);
        // Only what can no longer change is kept: a draft's number is not a ticket's version yet.
        if (hq.Status != FormVersionStatus.Draft && own?.Status != FormVersionStatus.Draft)
            cache.Set(cacheKey, definition, new MemoryCacheEntryOptions { SlidingExpiration = VersionCacheFor });
        return definition;
    }

    private static async Task<TicketForm?> ComposeAsync(ScrmDbContext db, FormTemplate headOffice, string? region, CancellationToken ct)
    {
        if (headOffice.Published is not { } hq) return null;
        var own = region is null ? null : (await ReadAsync(db, headOffice.Key, region, ct))?.Published;
        var definition = own is null ? hq.Definition : FormDefinition.Compose(hq, own);
        return new TicketForm(headOffice.Key, headOffice.NameZh, headOffice.NameEn, headOffice.TicketType, hq.Number, own?.Number,
            own is null ? null : region, definition);
    }

    private Task<T> PublishedCachedAsync<T>(string cacheKey, Func<Task<T>> read) =>
        cache.GetOrCreateAsync(cacheKey, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = PublishedCacheFor;
            entry.AddExpirationToken(new CancellationChangeToken(Volatile.Read(ref _publishedGeneration).Token));
            return read();
        })!;

    // An entry read while a publish commits carries the old generation's token, already cancelled, so it is not kept.
    private void ForgetPublished() => Interlocked.Exchange(ref _publishedGeneration, new CancellationTokenSource()).Cancel();

    private static Task<FormTemplate?> ReadAsync(ScrmDbContext db, string key, string? region, CancellationToken ct) =>
        db.FormTemplates.AsNoTracking().Include(t => t.Versions).FirstOrDefaultAsync(t => t.Key == key && t.Region == region, ct);

    private static Task<FormTemplate?> FindAsync(ScrmDbContext db, string key, string? region, CancellationToken ct) =>
        db.FormTemplates.Include(t => t.Versions).FirstOrDefaultAsync(t => t.Key == key && t.Region == region, ct);

    private static async Task<FormTemplate> NewVariantAsync(ScrmDbContext db, string key, string? region, CancellationToken ct)
    {
        if (region is null) throw new NotFoundException("FormTemplate", key);
        var headOffice = await FindAsync(db, key, null, ct) ?? throw new NotFoundException("FormTemplate", key);
        var variant = FormTemplate.CreateVariant(headOffice, region);
        db.FormTemplates.Add(variant);
        return variant;
    }

    private static FormTemplateRow Row(FormTemplate t) => new(t.Id, t.Key, t.NameZh, t.NameEn, t.TicketType, t.Region,
        t.Published?.Number, t.Published?.PublishedAt, t.Draft is not null, t.Versions.Count);

    private static string Describe(string key, string? region) => region is null ? key : $"{key} ({region})";
}
