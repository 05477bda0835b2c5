using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Features.Dispatch;
using Scrm.App.Features.Dispatch.Map;
using Scrm.Domain.Dispatch;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Components;

/// <summary>
/// What the live map sends to its browser module (dispatch-map.js): the markers of the snapshot, narrowed and emphasised
/// by the selection, live moves coalesced, trails, and what comes back from the browser (clicks, drops).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DispatchMapDrawing : AppComponentContext
{
    // Around People's Square, Shanghai: A 2 km away, B 8 km, C 30 km, D in Hangzhou (~165 km).
    private static readonly DateTimeOffset Fixed = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);
    private static readonly TechnicianMarker A = Technician(1, "张伟", TechnicianStatus.Available, 31.2484, 121.4737, openJobs: 1);
    private static readonly TechnicianMarker B = Technician(2, "李娜", TechnicianStatus.Busy, 31.3024, 121.4737, openJobs: 3);
    private static readonly TechnicianMarker C = Technician(3, "王强", TechnicianStatus.OffDuty, 31.3000, 121.1600);
    private static readonly TechnicianMarker D = Technician(4, "赵敏", TechnicianStatus.OnLeave, 30.2741, 120.1551);
    private static readonly TicketPin Urgent = Ticket(10, "WO-0010", TicketPriority.Urgent, 31.2304, 121.4737);
    private static readonly TicketPin Low = Ticket(11, "WO-0011", TicketPriority.Low, 31.1000, 121.3000);
    private static readonly ControlRoomSnapshot Shanghai = new([A, B, C, D], [Urgent, Low]);

    private readonly PositionFeed _feed = new();
    private readonly BunitJSModuleInterop _browser;

    public DispatchMapDrawing(TestApp app) : base(app)
    {
        Services.AddSingleton(_feed);
        Services.AddSingleton(app.Get<ControlRoomQueries>());
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        SignIn("华东调度 地图", AppRoles.Dispatcher, Regions.East);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        _browser = JSInterop.SetupModule(DispatchMap.ModulePath);
        _browser.SetupVoid("create", _ => true).SetVoidResult();
        _browser.SetupVoid("render", _ => true).SetVoidResult();
        _browser.SetupVoid("trail", _ => true).SetVoidResult();
        _browser.SetupVoid("dispose", _ => true).SetVoidResult();
    }

    [Fact]
    public void EveryTechnicianAndOpenTicketIsSentInTheColoursOfTheirStatusAndPriority()
    {
        using var _ = UiCulture.Chinese();

        var cut = Render<DispatchMap>(p => p.Add(m => m.Snapshot, Shanghai));

        var scene = LastScene(cut);
        scene.Technicians.Select(t => (t.Name, t.StatusText, t.Colour, t.Rank)).ShouldBe(
        [
            ("张伟", "空闲", "#2e7d32", null), ("李娜", "忙碌", "#ef6c00", null),
            ("王强", "下班", "#757575", null), ("赵敏", "休假", "#7b1fa2", null),
        ]);
        scene.Technicians[1].OpenJobs.ShouldBe(3);
        scene.Tickets.Select(t => (t.Number, t.PriorityText, t.Colour, t.Selected)).ShouldBe(
            [("WO-0010", "紧急", "#c62828", false), ("WO-0011", "低", "#78909c", false)]);
        scene.Circle.ShouldBeNull();
        scene.Fit.ShouldBeTrue();
        cut.Find("[data-testid=dispatch-map]").GetAttribute("data-ready").ShouldBe("true");
        cut.Find("[data-testid=dispatch-map-legend]").TextContent.ShouldContain("休假");
    }

    [Fact]
    public void WithinKmOfTheSelectedTicketOnlyTheTechniciansInsideAreSentAndTheCandidatesAlways()
    {
        var cut = Render<DispatchMap>(p => p
            .Add(m => m.Snapshot, Shanghai)
            .Add(m => m.SelectedTicketId, Urgent.Id)
            .Add(m => m.HighlightedTechnicianIds, [D.Id, A.Id])
            .Add(m => m.WithinKm, 10));

        var scene = LastScene(cut);
        // C (30 km) is outside; D (Hangzhou) too, but it is a candidate.
        scene.Technicians.Select(t => (t.Id, t.Rank)).ShouldBe([(A.Id, 2), (B.Id, null), (D.Id, 1)]);
        scene.Circle.ShouldBe(new MapCircle(Urgent.Lat, Urgent.Lng, 10));
        scene.Tickets.Single(t => t.Selected).Id.ShouldBe(Urgent.Id);
        scene.Tickets.Count.ShouldBe(2);
        cut.Find("[data-testid=dispatch-map-within]").TextContent.ShouldContain("10");
    }

    [Fact]
    public void CandidatesAreRankedInTheOrderGivenAndTheRestAreNot()
    {
        var cut = Render<DispatchMap>(p => p
            .Add(m => m.Snapshot, Shanghai)
            .Add(m => m.SelectedTicketId, Urgent.Id)
            .Add(m => m.HighlightedTechnicianIds, [C.Id, B.Id, A.Id]));

        var scene = LastScene(cut);
        scene.Technicians.ToDictionary(t => t.Id, t => t.Rank).ShouldBe(new Dictionary<long, int?>
        {
            [A.Id] = 3, [B.Id] = 2, [C.Id] = 1, [D.Id] = null,
        });
        scene.Circle.ShouldBeNull();
    }

    [Fact]
    public void InEnglishTheStatusPriorityAndPopupCaptionsAreEnglish()
    {
        using var _ = UiCulture.English();

        var cut = Render<DispatchMap>(p => p.Add(m => m.Snapshot, Shanghai));

        LastScene(cut).Technicians.Select(t => t.StatusText).ShouldBe(["Available", "Busy", "Off duty", "On leave"]);
        LastScene(cut).Tickets[0].PriorityText.ShouldBe("Urgent");
        var options = (MapOptions)_browser.Invocations["create"].Single().Arguments[2]!;
        options.TileUrl.ShouldBeNull();
        options.Texts.ShouldBe(new MapTexts("Status", "Open jobs", "Customer", "Priority", "Assigned to", "Candidate #{0}"));
    }

    [Fact]
    public void ANewSnapshotIsDrawnInPlaceAndOnlyANewSelectionCentresTheMapAgain()
    {
        var cut = Render<DispatchMap>(p => p.Add(m => m.Snapshot, Shanghai));

        cut.Render(p => p.Add(m => m.Snapshot, Shanghai with { Tickets = [Urgent] }));
        LastScene(cut).Fit.ShouldBeFalse();
        LastScene(cut).Tickets.Count.ShouldBe(1);

        cut.Render(p => p.Add(m => m.SelectedTicketId, Urgent.Id));
        LastScene(cut).Fit.ShouldBeTrue();

        var renders = _browser.Invocations["render"].Count;
        cut.Render(p => p.Add(m => m.HighlightedTechnicianIds, new List<long>()));
        _browser.Invocations["render"].Count.ShouldBe(renders, "the same (empty) candidates again: nothing to redraw");
    }

    [Fact]
    public void LiveFixesWaitForTheBrowserAndArriveAsTheNewestOnePerTechnician()
    {
        var moves = _browser.SetupVoid("move", _ => true);
        var cut = Render<DispatchMap>(p => p.Add(m => m.Snapshot, Shanghai));

        _feed.Publish([Fix(A, 31.25, 1)]);
        cut.WaitForAssertion(() => _browser.Invocations["move"].Count.ShouldBe(1));
        // The browser has not finished with the first batch: everything after it waits, one newest fix each.
        _feed.Publish([Fix(A, 31.26, 2), Fix(B, 31.31, 2)]);
        _feed.Publish([Fix(A, 31.27, 3)]);
        _feed.Publish([Fix(A, 31.20, 0)]);             // older than what came before it
        _feed.Publish([Fix(Technician(999, "别区", TechnicianStatus.Available, 23.1, 113.3), 23.2, 4)]);   // not on this map
        Thread.Sleep(DispatchMap.SendInterval * 3);
        _browser.Invocations["move"].Count.ShouldBe(1);

        moves.SetVoidResult();

        cut.WaitForAssertion(() => _browser.Invocations["move"].Count.ShouldBe(2));
        Moves(0).Select(m => (m.Id, m.Lat)).ShouldBe([(A.Id, 31.25)]);
        Moves(1).OrderBy(m => m.Id).Select(m => (m.Id, m.Lat)).ShouldBe([(A.Id, 31.27), (B.Id, 31.31)]);
        Moves(1).Single(m => m.Id == A.Id).At.ShouldBe(Fixed.AddSeconds(3).ToUnixTimeMilliseconds());
    }

    [Fact]
    public void ATechnicianMovingOutOfTheCircleIsTakenOffTheMap()
    {
        _browser.SetupVoid("move", _ => true).SetVoidResult();
        var cut = Render<DispatchMap>(p => p
            .Add(m => m.Snapshot, Shanghai)
            .Add(m => m.SelectedTicketId, Urgent.Id)
            .Add(m => m.WithinKm, 10));
        LastScene(cut).Technicians.Select(t => t.Id).ShouldBe([A.Id, B.Id]);

        _feed.Publish([Fix(B, 31.60, 1)]);   // ~40 km north

        cut.WaitForAssertion(() => LastScene(cut).Technicians.Select(t => t.Id).ShouldBe([A.Id]));
        LastScene(cut).Fit.ShouldBeFalse();
    }

    [Fact]
    public async Task ClickingATechnicianCallsBackAndDrawsTheirTrailTodayUntilItIsHidden()
    {
        var east = await App.TechnicianIdsAsync(Regions.East);
        var id = east[^1];
        var now = DateTimeOffset.UtcNow;
        await App.Get<PositionIngestion>().IngestAsync(TestApp.Admin, id,
            [new PositionPing(31.2200, 121.4500, now.AddSeconds(-40)), new PositionPing(31.2250, 121.4600, now.AddSeconds(-20))]);
        var snapshot = await App.Get<ControlRoomQueries>().SnapshotAsync(TestApp.Admin);
        long? clicked = null;
        var cut = Render<DispatchMap>(p => p
            .Add(m => m.Snapshot, snapshot)
            .Add(m => m.TechnicianClicked, (long t) => clicked = t));

        await cut.InvokeAsync(() => cut.Instance.MapTechnicianClicked(id));

        clicked.ShouldBe(id);
        var trail = _browser.Invocations["trail"].Last();
        trail.Arguments[1].ShouldBe(id);
        var points = ((IEnumerable<double[]>)trail.Arguments[2]!).Select(p => (p[0], p[1])).ToList();
        points[^2..].ShouldBe([(31.2200, 121.4500), (31.2250, 121.4600)]);
        cut.Find("[data-testid=dispatch-map-trail]").TextContent
            .ShouldContain(snapshot.Technicians.Single(t => t.Id == id).Name);

        await cut.Find("[data-testid=dispatch-map-trail] button").ClickAsync(new());

        _browser.Invocations["trail"].Last().Arguments[1].ShouldBeNull();
        cut.FindAll("[data-testid=dispatch-map-trail]").ShouldBeEmpty();
    }

    [Fact]
    public async Task ATicketDroppedOnATechnicianAndAClickedPinArePassedOn()
    {
        (long, long)? dropped = null;
        long? clicked = null;
        var cut = Render<DispatchMap>(p => p
            .Add(m => m.Snapshot, Shanghai)
            .Add(m => m.TicketClicked, (long t) => clicked = t)
            .Add(m => m.TicketDroppedOnTechnician, ((long TicketId, long TechnicianId) d) => dropped = d));

        await cut.InvokeAsync(() => cut.Instance.MapTicketDropped(Low.Id, B.Id));
        await cut.InvokeAsync(() => cut.Instance.MapTicketClicked(Urgent.Id));

        dropped.ShouldBe((Low.Id, B.Id));
        clicked.ShouldBe(Urgent.Id);
    }

    [Fact]
    public async Task DisposingTheMapRemovesItFromTheBrowserAndStopsListening()
    {
        _browser.SetupVoid("move", _ => true).SetVoidResult();
        var cut = Render<DispatchMap>(p => p.Add(m => m.Snapshot, Shanghai));

        await DisposeComponentsAsync();
        _feed.Publish([Fix(A, 31.25, 1)]);

        _browser.Invocations["dispose"].Count.ShouldBe(1);
        await Task.Delay(DispatchMap.SendInterval * 2);
        _browser.Invocations["move"].ShouldBeEmpty();
        cut.IsDisposed.ShouldBeTrue();
    }

    private MapScene LastScene(IRenderedComponent<DispatchMap> cut)
    {
        cut.WaitForAssertion(() => _browser.Invocations["render"].ShouldNotBeEmpty());
        return (MapScene)_browser.Invocations["render"].Last().Arguments[1]!;
    }

    private IReadOnlyList<MarkerMove> Moves(int call) =>
        ((IEnumerable<MarkerMove>)_browser.Invocations["move"][call].Arguments[1]!).ToList();

    private static PositionUpdate Fix(TechnicianMarker technician, double lat, int second) =>
        new(technician.Id, lat, technician.Lng, Fixed.AddSeconds(second));

    private static TechnicianMarker Technician(long id, string name, TechnicianStatus status, double lat, double lng, int openJobs = 0) =>
        new(id, name, "上海", Regions.East, status, lat, lng, Fixed.AddMinutes(-5), openJobs);

    private static TicketPin Ticket(long id, string number, TicketPriority priority, double lat, double lng) =>
        new(id, number, "冷柜不制冷", TicketType.Repair, priority, TicketStatus.New, "全家便利店", "上海", Regions.East, lat, lng,
            null, null, Fixed.AddHours(-1), 1);
}
