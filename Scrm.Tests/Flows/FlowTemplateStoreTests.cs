using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Flows;
using Scrm.App.Features.Shared;
using Scrm.Domain.Common;
using Scrm.Domain.Flows;
using Scrm.Domain.Tickets;
using Scrm.Tests.Domain.Flows;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Flows;

[Collection(AppCollection.Name)]
public sealed class FlowTemplateStore(TestApp app)
{
    private readonly FlowTemplates _flows = app.Get<FlowTemplates>();

    public static AccessScope EastManager { get; } = TestApp.Scope("test-manager-east", "华东经理", AppRoles.Manager, allRegions: false, "华东");

    private static string NewKey() => $"f-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task ASavedAndPublishedFlowIsListedWithItsVersionsAndAudited()
    {
        var key = NewKey();
        await _flows.CreateAsync(TestApp.Admin, key, "标准维修", null, TicketType.Repair, null);
        await _flows.SaveDraftAsync(TestApp.Admin, key, TestFlows.Simple());

        var published = await _flows.PublishAsync(TestApp.Admin, key);

        published.Published!.Number.ShouldBe(1);
        published.Published.PublishedBy.ShouldBe("测试管理员");
        var row = (await _flows.ListAsync(TestApp.Admin)).Single(r => r.Key == key);
        row.Versions.ShouldHaveSingleItem().NodeCount.ShouldBe(3);
        row.Published!.Status.ShouldBe(FlowVersionStatus.Published);
        await using var db = await app.DbAsync();
        (await db.AuditEntries.CountAsync(a => a.Entity == nameof(FlowTemplate))).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task PublishingAFlowWithoutAnEndIsRefusedAndNothingIsPublished()
    {
        var key = NewKey();
        await _flows.CreateAsync(TestApp.Admin, key, "缺结束", null, TicketType.Repair, null);
        await _flows.SaveDraftAsync(TestApp.Admin, key, TestFlows.WithoutEnd());

        (await Should.ThrowAsync<DomainRuleException>(() => _flows.PublishAsync(TestApp.Admin, key))).Code.ShouldBe("Flow.CannotPublish");

        (await _flows.GetAsync(TestApp.Admin, key)).Published.ShouldBeNull();
    }

    [Fact]
    public async Task AManagerReadsHeadOfficeFlowsButEditsOnlyTheirRegions()
    {
        var headOffice = NewKey();
        var east = NewKey();
        await _flows.CreateAsync(TestApp.Admin, headOffice, "总部流程", null, TicketType.Repair, null);

        await _flows.CreateAsync(EastManager, east, "华东流程", null, TicketType.Repair, "华东");
        await _flows.SaveDraftAsync(EastManager, east, TestFlows.Simple());

        (await _flows.GetAsync(EastManager, headOffice)).Key.ShouldBe(headOffice);
        (await Should.ThrowAsync<AccessDeniedException>(() => _flows.SaveDraftAsync(EastManager, headOffice, TestFlows.Simple())))
            .Code.ShouldBe("Flow.HeadOfficeDenied");
        (await Should.ThrowAsync<AccessDeniedException>(() => _flows.CreateAsync(EastManager, NewKey(), "华南流程", null, TicketType.Repair, "华南")))
            .Code.ShouldBe("Flow.RegionDenied");
        (await Should.ThrowAsync<AccessDeniedException>(() => _flows.ListAsync(TestApp.Agent))).Code.ShouldBe("Flow.DesignDenied");
    }

    [Fact]
    public async Task ASaveOverSomeoneElsesIsRefused()
    {
        var key = NewKey();
        var flow = await _flows.CreateAsync(TestApp.Admin, key, "并发", null, TicketType.Repair, null);
        await _flows.SaveDraftAsync(TestApp.Admin, key, TestFlows.Simple(), flow.Version);

        await Should.ThrowAsync<ConcurrencyConflictException>(() => _flows.SaveDraftAsync(TestApp.Admin, key, TestFlows.WithoutEnd(), flow.Version));
    }

    [Fact]
    public async Task ATicketGetsItsRegionsPublishedFlowOverTheHeadOffices()
    {
        // Maintenance: a type the demo publishes no flow for, so that the head office's flow here is the only one.
        var headOffice = NewKey();
        var south = NewKey();
        foreach (var (key, region) in new[] { (headOffice, (string?)null), (south, "华南") })
        {
            await _flows.CreateAsync(TestApp.Admin, key, "保养流程", null, TicketType.Maintenance, region);
            await _flows.SaveDraftAsync(TestApp.Admin, key, TestFlows.Simple());
            await _flows.PublishAsync(TestApp.Admin, key);
        }

        (await _flows.ForTicketAsync(TicketType.Maintenance, "华南"))!.Key.ShouldBe(south);
        (await _flows.ForTicketAsync(TicketType.Maintenance, "华北"))!.Key.ShouldBe(headOffice);
    }
}
