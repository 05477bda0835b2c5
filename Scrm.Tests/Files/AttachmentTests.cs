using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Features.Files;
using Scrm.App.Features.Shared;
using Scrm.Domain.Forms;
using Scrm.Domain.Geo;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Files;

/// <summary>Form files through the store: what is kept, what is refused, who can take and who can read them.</summary>
[Collection(AppCollection.Name)]
public sealed class AttachmentTests(TestApp app)
{
    private Attachments Files => app.Get<Attachments>();

    private static Dictionary<string, object?> Repair(params (string Key, object? Value)[] extra) => Data.TicketForms.Repair(extra);

    private Task<StoredFile> UploadAsync(byte[] bytes, string name, Scrm.App.Data.AccessScope? scope = null) =>
        Files.UploadAsync(scope ?? TestApp.Admin, new MemoryStream(bytes), name);

    [Fact]
    public async Task AnUploadIsKeptAsWhatItsBytesAreUnderANameWithoutFolders()
    {
        var stored = await UploadAsync(TestFiles.Png(2048), "../../etc/现场.PNG");

        stored.ContentType.ShouldBe("image/png");
        stored.Size.ShouldBe(2048);
        stored.FileName.ShouldBe("现场.PNG");
        Attachments.IsRef(stored.Ref).ShouldBeTrue();
        var opened = (await Files.OpenAsync(TestApp.Admin, stored.Ref)).ShouldNotBeNull();
        await using (opened.Content)
        {
            using var copy = new MemoryStream();
            await opened.Content.CopyToAsync(copy);
            copy.ToArray().ShouldBe(TestFiles.Png(2048));
        }
    }

    [Fact]
    public async Task AScriptCalledAPhotoIsRefusedAndNothingIsKept()
    {
        var refused = await Should.ThrowAsync<InputRejectedException>(() => UploadAsync(TestFiles.Script(), "photo.jpg"));

        refused.Errors.ShouldHaveSingleItem().Code.ShouldBe("File.TypeNotAllowed");
        await using var db = await app.DbAsync();
        (await db.Attachments.IgnoreQueryFilters().CountAsync(a => a.FileName == "photo.jpg" && a.ContentType != "image/jpeg")).ShouldBe(0);
    }

    [Fact]
    public async Task AFileOverTheStoresLimitIsRefused()
    {
        var refused = await Should.ThrowAsync<InputRejectedException>(() => UploadAsync(TestFiles.Png(1024 * 1024 + 1), "big.png"));

        refused.Errors.ShouldHaveSingleItem().Code.ShouldBe("File.TooLarge");
    }

    [Fact]
    public async Task AnEmptyFileIsRefused() =>
        (await Should.ThrowAsync<InputRejectedException>(() => UploadAsync([], "empty.png"))).Errors.ShouldHaveSingleItem().Code.ShouldBe("File.Empty");

    [Fact]
    public async Task ARoleThatCannotWriteTicketsCannotUpload() =>
        await Should.ThrowAsync<AccessDeniedException>(() =>
            UploadAsync(TestFiles.Png(), "x.png", TestApp.Scope("test-finance", "财务", Scrm.App.Data.AppRoles.Finance, allRegions: true)));

    [Fact]
    public async Task ATicketTakesItsPhotosWithTheirRealTypeAndSizeWhateverTheCallerClaimed()
    {
        var photo = await UploadAsync(TestFiles.Png(4096), "冰柜.png");
        var request = TestApp.NewRequest("上海", TestApp.Marker("photos"));
        // As an API caller might send it: the reference right, the rest wrong.
        var claim = JsonSerializer.SerializeToElement(new[] { new { @ref = photo.Ref, contentType = "image/jpeg", size = 1 } });
        request.Form = Repair(("photos", claim));

        var created = await app.Tickets.CreateAsync(TestApp.Admin, request);

        var ticket = await app.LoadTicketAsync(created.Ticket.Row.Id);
        var kept = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(ticket.FormValues!)!["photos"][0];
        kept.GetProperty("ContentType").GetString().ShouldBe("image/png");
        kept.GetProperty("Size").GetInt64().ShouldBe(4096);
        await using var db = await app.DbAsync();
        (await db.Attachments.SingleAsync(a => a.Ref == photo.Ref)).TicketId.ShouldBe(ticket.Id);
    }

    [Fact]
    public async Task AFileSomeoneElseUploadedOrAnotherTicketHoldsIsRefusedBesideItsField()
    {
        var others = await UploadAsync(TestFiles.Png(), "别人的.png", TestApp.Dispatcher(Regions.East, "别人"));
        var request = TestApp.NewRequest("上海", TestApp.Marker("foreign"));
        request.Form = Repair(("photos", new[] { others }));

        var refused = await Should.ThrowAsync<InputRejectedException>(() => app.Tickets.CreateAsync(TestApp.Admin, request));
        refused.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Field.ShouldBe("form.photos"), e => e.Code.ShouldBe("File.Unknown"));

        var mine = await UploadAsync(TestFiles.Png(), "我的.png");
        var first = TestApp.NewRequest("上海", TestApp.Marker("first"));
        first.Form = Repair(("photos", new[] { mine }));
        await app.Tickets.CreateAsync(TestApp.Admin, first);
        var second = TestApp.NewRequest("上海", TestApp.Marker("second"));
        second.Form = Repair(("photos", new[] { mine }));

        (await Should.ThrowAsync<InputRejectedException>(() => app.Tickets.CreateAsync(TestApp.Admin, second)))
            .Errors.ShouldHaveSingleItem().Code.ShouldBe("File.Unknown");
    }

    [Fact]
    public async Task APdfInAPhotosFieldIsRefusedByTheFieldsOwnRule()
    {
        var pdf = await UploadAsync(TestFiles.Pdf(), "发票.pdf");
        var request = TestApp.NewRequest("上海", TestApp.Marker("pdf"));
        request.Form = Repair(("photos", new[] { pdf }));

        var refused = await Should.ThrowAsync<InputRejectedException>(() => app.Tickets.CreateAsync(TestApp.Admin, request));

        refused.Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.FileTypeNotAllowed);
    }

    [Fact]
    public async Task OnlyThoseWhoSeeTheTicketCanOpenItsFiles()
    {
        var upload = TestApp.Dispatcher(Regions.East, "上传者");
        var photo = await UploadAsync(TestFiles.Png(), "现场.png", upload);
        (await Files.OpenAsync(TestApp.Dispatcher(Regions.East, "同事"), photo.Ref)).ShouldBeNull();  // not a ticket's yet: only its uploader

        var request = TestApp.NewRequest("上海", TestApp.Marker("open"));
        request.Form = Repair(("photos", new[] { photo }));
        var id = (await app.Tickets.CreateAsync(upload, request)).Ticket.Row.Id;
        var technician = (await app.TechnicianIdsAsync(Regions.East))[0];
        await app.Tickets.AssignAsync(TestApp.Admin, id, technician, null);

        await Opens(TestApp.Dispatcher(Regions.East, "同事"), photo.Ref);
        await Opens(TestApp.Technician(technician, Regions.East), photo.Ref);
        (await Files.OpenAsync(TestApp.Dispatcher(Regions.South), photo.Ref)).ShouldBeNull();
        var otherTechnician = (await app.TechnicianIdsAsync(Regions.East))[1];
        (await Files.OpenAsync(TestApp.Technician(otherTechnician, Regions.East), photo.Ref)).ShouldBeNull();
        (await Files.OpenAsync(TestApp.Admin, "f_../../../etc/passwd")).ShouldBeNull();
    }

    [Fact]
    public async Task TheTechnicianAddsTheSignatureOnSiteAndTheTicketTakesIt()
    {
        var request = TestApp.NewRequest("上海", TestApp.Marker("sign"));
        request.Form = Repair();
        var id = (await app.Tickets.CreateAsync(TestApp.Admin, request)).Ticket.Row.Id;
        var technicianId = (await app.TechnicianIdsAsync(Regions.East))[0];
        await app.Tickets.AssignAsync(TestApp.Admin, id, technicianId, null);
        var technician = TestApp.Technician(technicianId, Regions.East);
        var signature = await UploadAsync(TestFiles.Png(), "signature.png", technician);

        await app.Tickets.UpdateFormAsync(technician, id, Repair(("parts_used", "启动电容"), ("signature", signature)));

        await using var db = await app.DbAsync();
        (await db.Attachments.SingleAsync(a => a.Ref == signature.Ref)).TicketId.ShouldBe(id);
        await Opens(TestApp.Dispatcher(Regions.East), signature.Ref);
    }

    private async Task Opens(Scrm.App.Data.AccessScope scope, string fileRef)
    {
        var opened = (await Files.OpenAsync(scope, fileRef)).ShouldNotBeNull();
        await opened.Content.DisposeAsync();
    }
}
