using System.Text.RegularExpressions;
using System.Xml.Linq;
using Scrm.Domain.Common;
using Scrm.Domain.Customers;
using Scrm.Domain.Dispatch;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;

namespace Scrm.Tests.Components;

/// <summary>Both languages carry the same texts, and every text the app asks for exists.</summary>
public sealed partial class SharedResources
{
    private static readonly string Root = FindRepositoryRoot();
    private static readonly string AppFolder = Path.Combine(Root, "Scrm.App");
    private static readonly IReadOnlySet<string> Chinese = Keys("SharedResource.resx");
    private static readonly IReadOnlySet<string> English = Keys("SharedResource.en.resx");

    /// <summary>Every L["Prefix." + value] the app builds at run time, and the values it can be built with.</summary>
    private static readonly Dictionary<string, IReadOnlyList<string>> DynamicKeys = new()
    {
        ["Status."] = Enum.GetNames<TicketStatus>(),
        ["Priority."] = Enum.GetNames<TicketPriority>(),
        ["Type."] = Enum.GetNames<TicketType>(),
        ["Level."] = Enum.GetNames<TechnicianLevel>(),
        ["TechStatus."] = Enum.GetNames<TechnicianStatus>(),
        ["Tier."] = Enum.GetNames<CustomerTier>(),
        ["Region."] = Regions.All,
        // The ticket timeline names the edited field: whatever Ticket.Edit records.
        ["Ticket."] = EditedFields(),
        // ErrorMessages: "Error." + the code of whatever a service or the domain refused.
        ["Error."] = ErrorCodes(),
        // A technician's job card: one button per next step.
        ["MyJobs.Step."] = Enum.GetValues<TicketStatus>().SelectMany(Scrm.App.Features.Dispatch.MyJobs.JobSteps.Next).Select(s => s.Key).Distinct().ToList(),
        // The scoring engine's reasons are resource keys themselves ("Dispatch.Reason.TooFar"); every one needs its text.
        ["Dispatch.Reason."] = typeof(Scrm.Domain.Dispatch.Scoring.DispatchReasons).GetFields()
            .Select(f => ((string)f.GetRawConstantValue()!)["Dispatch.Reason.".Length..]).ToList(),
        // The flow's timeline notes: one text per note code the flow runtime writes.
        ["Timeline.Flow."] = typeof(Scrm.App.Features.Flows.Runtime.FlowTexts).GetFields()
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToList(),
        ["Admin.Role."] = Scrm.App.Data.AppRoles.All,
        // The flow panel's decision buttons title their comment dialog.
        ["FlowPanel."] = ["Approve", "Reject", "SendBack"],
        // The SLA panel, badges and admin page: clock states, metrics, ladder actions, and whom an escalation addresses.
        ["Sla.State."] = Enum.GetNames<Scrm.Domain.Sla.SlaClockState>(),
        ["Sla.Metric."] = Enum.GetNames<Scrm.Domain.Sla.SlaMetric>(),
        ["Sla.Action."] = [.. Enum.GetNames<Scrm.Domain.Sla.EscalationAction>(), "TimeLimit"],
        // The SLA module's timeline notes.
        ["Timeline.Sla."] = ["PolicyChosen", "PolicyChanged", "Recomputed", "SlaWarning", "SlaBreached"],
        // The KPI dashboard: one text per tile, funnel stage, business step and weekday.
        ["Dashboards.Tile."] = Scrm.Domain.Dashboards.KpiTile.Keys,
        ["Dashboards.Stage."] = ["Created", "Assigned", "Accepted", "OnSite", "Resolved", "Closed"],
        ["Dashboards.Business."] = Scrm.App.Features.Dashboards.KpiTypes.BusinessSteps.Select(s => s.Key).ToList(),
        ["Dashboards.Weekday"] = ["1", "2", "3", "4", "5", "6", "7"],
        // Notifications: rule events, recipients, channels and delivery states by their enum names.
        ["Notify.Event."] = Enum.GetNames<Scrm.Domain.Notifications.NotificationEvent>(),
        ["Notify.Recipient."] = Enum.GetNames<Scrm.Domain.Notifications.RecipientKind>(),
        ["Notify.Channel."] = Enum.GetNames<Scrm.Domain.Notifications.NotificationChannel>(),
        ["Notify.Status."] = Enum.GetNames<Scrm.Domain.Notifications.DeliveryStatus>(),
        // Settlement: a plan's volume basis and tier mode.
        ["Settlement.Basis."] = Enum.GetNames<Scrm.Domain.Settlement.CommissionBasis>(),
        ["Settlement.Mode."] = Enum.GetNames<Scrm.Domain.Settlement.TierMode>(),
        // ErrorMessages falls back to the raw argument when a field has no name of its own, so nothing is required.
        ["Field."] = [],
        // The quote panel, /pricing and /catalog: quote states, line kinds, rule kinds, customer types, urgencies, tier bases, warehouse kinds.
        ["Pricing.Status."] = Enum.GetNames<Scrm.App.Features.Pricing.QuoteStatus>(),
        ["Pricing.Kind."] = Enum.GetNames<Scrm.Domain.Pricing.LineKind>(),
        ["PricingAdmin.Kind."] = Enum.GetNames<Scrm.App.Features.Pricing.PriceRuleKind>(),
        ["PricingAdmin.CustomerType."] = Enum.GetNames<Scrm.Domain.Pricing.CustomerType>(),
        ["PricingAdmin.Urgency."] = Enum.GetNames<Scrm.Domain.Pricing.Urgency>(),
        ["PricingAdmin.Basis."] = Enum.GetNames<Scrm.Domain.Pricing.TierBasis>(),
        ["Catalog.Kind."] = Enum.GetNames<Scrm.App.Features.Catalog.WarehouseKind>(),
    };

    [Fact]
    public void ChineseAndEnglishHaveExactlyTheSameKeys()
    {
        Chinese.Except(English).ShouldBeEmpty("keys only in SharedResource.resx");
        English.Except(Chinese).ShouldBeEmpty("keys only in SharedResource.en.resx");
        Chinese.Count.ShouldBeGreaterThan(100);
    }

    [Fact]
    public void EveryLiteralKeyTheAppUsesExists()
    {
        var used = SourceFiles()
            .SelectMany(f => LiteralKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(AppFolder, f), Key: m.Groups["key"].Value)))
            .ToList();

        used.Count.ShouldBeGreaterThan(100);
        used.Where(u => !Chinese.Contains(u.Key)).Select(u => $"{u.File}: {u.Key}").ShouldBeEmpty();
    }

    [Fact]
    public void EveryKeyTheAppBuildsAtRunTimeExists()
    {
        var prefixes = SourceFiles().SelectMany(f => DynamicKey().Matches(File.ReadAllText(f)).Select(m => m.Groups["prefix"].Value)).ToHashSet();

        prefixes.ShouldNotBeEmpty();
        prefixes.Except(DynamicKeys.Keys).ShouldBeEmpty("a key built from a prefix this test does not know the values of");
        var missing = DynamicKeys.SelectMany(p => p.Value.Select(v => p.Key + v)).Where(k => !Chinese.Contains(k)).ToList();
        missing.ShouldBeEmpty();
    }

    private static IReadOnlyList<string> EditedFields()
    {
        var ticket = Ticket.Open(new TicketDraft(TicketType.Repair, "标题", "描述", TicketPriority.Normal, 1, "客户", 1, "地址", "上海",
            Regions.East, new GeoPoint(31.2, 121.5), null), "GD-20261124-0001", Actor.System, DateTimeOffset.UtcNow);
        ticket.Edit("新标题", "新描述", TicketPriority.Urgent, Actor.System, DateTimeOffset.UtcNow);
        return ticket.Events.Where(e => e.Kind == TicketEventKind.FieldChanged).Select(e => e.Field!).ToList();
    }

    /// <summary>
    /// Codes thrown where a screen can show them: the app and every domain rule. The REST API answers in English
    /// problem details, so its own codes need no translation.
    /// </summary>
    private static IReadOnlyList<string> ErrorCodes()
    {
        var folders = new[] { AppFolder, Path.Combine(Root, "Scrm.Domain") };
        var codes = folders.SelectMany(d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories))
            .Where(f => !IsBuildOutput(f) && !f.StartsWith(Path.Combine(AppFolder, "Api") + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .SelectMany(f => ThrownCode().Matches(File.ReadAllText(f)).Select(m => m.Groups["code"].Value))
            .Distinct().ToList();
        codes.ShouldContain("Phone.Invalid");
        codes.ShouldContain("Ticket.IllegalTransition");
        return codes;
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(AppFolder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !IsBuildOutput(f));

    private static bool IsBuildOutput(string path)
    {
        var parts = path.Split(Path.DirectorySeparatorChar);
        return parts.Contains("bin") || parts.Contains("obj") || parts.Contains("node_modules") || parts.Contains("Migrations");
    }

    private static IReadOnlySet<string> Keys(string file) =>
        XDocument.Load(Path.Combine(AppFolder, "Resources", file)).Root!.Elements("data")
            .Select(d => (string)d.Attribute("name")!).ToHashSet();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Scrm.App", "Scrm.App.csproj"))) return dir.FullName;
        throw new InvalidOperationException("Scrm.App/Scrm.App.csproj not found above the test output folder.");
    }

    // L["Ticket.Title"] or l["Error.Conflict", by, at]: a complete literal key.
    [GeneratedRegex(@"\b[Ll]\[\s*""(?<key>[^""]+)""\s*[,\]]")]
    private static partial Regex LiteralKey();

    // L["Status." + status]: a literal prefix completed at run time.
    [GeneratedRegex(@"\b[Ll]\[\s*""(?<prefix>[^""]*)""\s*\+")]
    private static partial Regex DynamicKey();

    // new DomainRuleException("Ticket.IllegalTransition", ...), new AccessDeniedException("Ticket.RegionDenied", ...),
    // new FieldError("title", "Field.Required", ...)
    [GeneratedRegex(@"(?:DomainRuleException|AccessDeniedException)\(\s*""(?<code>[^""]+)""|FieldError\([^,]+,\s*""(?<code>[^""]+)""")]
    private static partial Regex ThrownCode();
}
