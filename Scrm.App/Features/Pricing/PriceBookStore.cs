using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Shared;
using Scrm.Domain.Common;
using Scrm.Domain.Pricing;

namespace Scrm.App.Features.Pricing;

/// <summary>A rule as stored: its row's identity and version, and the domain rule it holds.</summary>
public sealed record StoredRule(long Id, string Code, PriceRuleKind Kind, string? Region, object Rule, long Version, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>
/// The price book in force: its rules read from PriceRules and kept in memory (every quote needs them), reloaded when
/// a rule is saved here, and after a minute in case another instance saved one. Saving validates the whole book.
/// </summary>
public sealed class PriceBookStore(IDbContextFactory<ScrmDbContext> dbFactory, WritePath writes, TimeProvider clock)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private sealed record Cached(PriceBook Book, DateTimeOffset LoadedAt);

    private Cached? _cache;

    public async Task<PriceBook> CurrentAsync(CancellationToken ct = default)
    {
        if (Volatile.Read(ref _cache) is { } cached && clock.GetUtcNow() - cached.LoadedAt < MaxAge) return cached.Book;
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var book = Build((await db.PriceRules.AsNoTracking().ToListAsync(ct)).Select(ToStored));
        Volatile.Write(ref _cache, new Cached(book, clock.GetUtcNow()));
        return book;
    }

    public void Invalidate() => Volatile.Write(ref _cache, null);

    /// <summary>The rules <paramref name="scope"/> may read: all for Admin and Finance; a Manager's own regions and the nationwide ones.</summary>
    public async Task<IReadOnlyList<StoredRule>> RulesAsync(AccessScope scope, CancellationToken ct = default)
    {
        if (!MayRead(scope)) throw new AccessDeniedException("Pricing.ReadDenied", "Only Admins, Managers and Finance may read the price book.");
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var rows = await db.PriceRules.AsNoTracking().OrderBy(r => r.Kind).ThenBy(r => r.Code).ToListAsync(ct);
        return rows.Where(r => r.Region is null || scope.CanSeeRegion(r.Region)).Select(ToStored).ToList();
    }

    public static bool MayRead(AccessScope scope) => scope.IsInAny(AppRoles.Admin, AppRoles.Manager, AppRoles.Finance);

    /// <summary>Admin edits every rule; a Manager the rules of their own regions.</summary>
    public static bool MayEdit(AccessScope scope, string? region) =>
        scope.IsIn(AppRoles.Admin) || (scope.IsIn(AppRoles.Manager) && region is not null && scope.CanSeeRegion(region));

    /// <summary>
    /// Saves <paramref name="rule"/> (new when <paramref name="id"/> is null), refused with the rule set's reasons
    /// when the book with it would not be valid. <paramref name="version"/> catches a concurrent edit.
    /// </summary>
    public async Task<StoredRule> SaveAsync(AccessScope scope, long? id, object rule, long? version, CancellationToken ct = default)
    {
        var (code, kind, region) = Describe(rule);
        if (!MayEdit(scope, region)) throw new AccessDeniedException("Pricing.EditDenied", "Your account may not edit this rule.");
        var saved = await writes.RunAsync(scope, async (db, token) =>
        {
            var rows = await db.PriceRules.ToListAsync(token);
            var row = id is null ? null : rows.FirstOrDefault(r => r.Id == id) ?? throw new NotFoundException("PriceRule", id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (row is not null && version is not null && row.Version != version)
                throw new ConcurrencyConflictException(row.UpdatedBy, row.UpdatedAt, row.Version);
            if (row is not null && !MayEdit(scope, row.Region)) throw new AccessDeniedException("Pricing.EditDenied", "Your account may not edit this rule.");
            var others = rows.Where(r => r != row).Select(ToStored).Select(s => s.Rule).ToList();
            // The book holds one warranty policy: a second one would be silently ignored, so it is refused.
            if (rule is WarrantyPolicy && others.OfType<WarrantyPolicy>().Any())
                throw new InputRejectedException([new FieldError(code, "Pricing.WarrantyExists", "The price book already has its warranty policy; edit that one.", code)]);
            Check(Build([.. others, rule]));
            if (row is null)
            {
                row = new PriceRuleRow();
                db.PriceRules.Add(row);
            }
            row.Code = code;
            row.Kind = kind;
            row.Region = region;
            row.Json = System.Text.Json.JsonSerializer.Serialize(rule, rule.GetType(), DomainJson.Options);
            row.UpdatedAt = clock.GetUtcNow();
            row.UpdatedBy = scope.Actor.Name;
            row.Version++;
            return row;
        }, ct);
        Invalidate();
        return ToStored(saved);
    }

    public async Task DeleteAsync(AccessScope scope, long id, CancellationToken ct = default)
    {
        await writes.RunAsync(scope, async (db, token) =>
        {
            var row = await db.PriceRules.FirstOrDefaultAsync(r => r.Id == id, token)
                      ?? throw new NotFoundException("PriceRule", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!MayEdit(scope, row.Region)) throw new AccessDeniedException("Pricing.EditDenied", "Your account may not edit this rule.");
            db.PriceRules.Remove(row);
            return true;
        }, ct);
        Invalidate();
    }

    /// <summary>Throws the rule set's problems as field errors (field = the rule's code).</summary>
    public static void Check(PriceBook book)
    {
        var problems = book.Validate();
        if (problems.Count > 0)
            throw new InputRejectedException(problems.Select(p => new FieldError(p.RuleCode, p.Code, p.Message, p.RuleCode)).ToList());
    }

    public static PriceBook Build(IEnumerable<object> rules)
    {
        var list = rules.ToList();
        return new PriceBook(list.OfType<PriceListEntry>(), list.OfType<TierRule>(), list.OfType<UrgencyRate>(), list.OfType<Promotion>(),
            list.OfType<MemberDiscount>(), list.OfType<RegionalCoefficient>(), list.OfType<WarrantyPolicy>().FirstOrDefault(), list.OfType<Threshold>());
    }

    private static PriceBook Build(IEnumerable<StoredRule> rules) => Build(rules.Select(r => r.Rule));

    public static StoredRule ToStored(PriceRuleRow row) =>
        new(row.Id, row.Code, row.Kind, row.Region, Deserialize(row.Kind, row.Json), row.Version, row.UpdatedAt, row.UpdatedBy);

    public static object Deserialize(PriceRuleKind kind, string json) => kind switch
    {
        PriceRuleKind.PriceList => DomainJson.Deserialize<PriceListEntry>(json),
        PriceRuleKind.Tier => DomainJson.Deserialize<TierRule>(json),
        PriceRuleKind.UrgencyRate => DomainJson.Deserialize<UrgencyRate>(json),
        PriceRuleKind.Promotion => DomainJson.Deserialize<Promotion>(json),
        PriceRuleKind.MemberDiscount => DomainJson.Deserialize<MemberDiscount>(json),
        PriceRuleKind.Coefficient => DomainJson.Deserialize<RegionalCoefficient>(json),
        PriceRuleKind.Warranty => DomainJson.Deserialize<WarrantyPolicy>(json),
        PriceRuleKind.Threshold => DomainJson.Deserialize<Threshold>(json),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>A rule's code, kind and the region it belongs to (null: nationwide).</summary>
    public static (string Code, PriceRuleKind Kind, string? Region) Describe(object rule) => rule switch
    {
        PriceListEntry p => (p.Code, PriceRuleKind.PriceList, p.Region),
        TierRule t => (t.Code, PriceRuleKind.Tier, null),
        UrgencyRate u => (u.Code, PriceRuleKind.UrgencyRate, u.Region),
        Promotion p => (p.Code, PriceRuleKind.Promotion, p.Region),
        MemberDiscount m => (m.Code, PriceRuleKind.MemberDiscount, null),
        RegionalCoefficient c => (c.Code, PriceRuleKind.Coefficient, c.Region),
        WarrantyPolicy w => (w.Code, PriceRuleKind.Warranty, null),
        Threshold t => (t.Code, PriceRuleKind.Threshold, null),
        _ => throw new ArgumentException($"{rule.GetType().Name} is not a price rule.", nameof(rule)),
    };
}
