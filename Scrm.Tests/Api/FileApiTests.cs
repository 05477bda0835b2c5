using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Scrm.Tests.Files;

namespace Scrm.Tests.Api;

/// <summary>/api/v1/files: upload, then name the file in a ticket's form by its ref; download with the ticket's rights.</summary>
[Collection(ApiCollection.Name)]
public sealed class FileApi(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Client();

    private static MultipartFormDataContent Upload(byte[] bytes, string name, string part = "file")
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");  // what a careless client claims
        content.Add(file, part, name);
        return content;
    }

    [Fact]
    public async Task AnUploadAnswersItsRefAndTheBytesComeBackAsWhatTheyAre()
    {
        var response = await _admin.PostAsync("/api/v1/files", Upload(TestFiles.Png(1500), "现场.png"));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var stored = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        ((string)stored["contentType"]!).ShouldBe("image/png");
        ((long)stored["size"]!).ShouldBe(1500);
        var download = await _admin.GetAsync(response.Headers.Location);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        download.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(TestFiles.Png(1500));
    }

    [Fact]
    public async Task AFileOfAnotherKindIsAProblemNamingTheFilePart()
    {
        var response = await _admin.PostAsync("/api/v1/files", Upload(TestFiles.Script(), "photo.jpg"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem["errors"]!["file"].ShouldNotBeNull();
    }

    [Fact]
    public async Task AFileOverTheStoresLimitIsAProblemNamingTheFilePart()
    {
        // The API host keeps the store's default limit, 10 MiB (Files:MaxBytes).
        var response = await _admin.PostAsync("/api/v1/files", Upload(TestFiles.Png(10 * 1024 * 1024 + 1), "大图.png"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        ((string)problem["codes"]!["file"]![0]!).ShouldBe("File.TooLarge");
    }

    [Fact]
    public async Task AnUploadWithoutAFilePartIsAProblem()
    {
        var response = await _admin.PostAsync("/api/v1/files", Upload(TestFiles.Png(), "x.png", part: "photo"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!["file"].ShouldNotBeNull();
    }

    [Fact]
    public async Task AnUnknownOrMalformedRefIsNotFound()
    {
        (await _admin.GetAsync("/api/v1/files/f_00000000000000000000000000000000")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _admin.GetAsync("/api/v1/files/..%2F..%2Fappsettings.json")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ATicketCreatedWithTheRefKeepsThePhotoAndAnotherRegionCannotReadIt()
    {
        var uploaded = JsonNode.Parse(await (await _admin.PostAsync("/api/v1/files", Upload(TestFiles.Png(), "冰柜.png"))).Content.ReadAsStringAsync())!;
        var fileRef = (string)uploaded["ref"]!;

        var created = await _admin.PostAsJsonAsync(ApiRequests.TicketsPath, new
        {
            title = "冰柜不制冷", type = "Repair",
            customer = new { name = "韩梅梅", phone = $"139{Random.Shared.Next(10_000_000, 99_999_999)}" },
            site = new { address = "上海市测试路 9 号", city = "上海" },
            form = new
            {
                contact_name = "韩梅梅", mobile = "13912345678", service_kind = "售后维修", device_model = "KX-200", fault = "不制冷",
                photos = new[] { new { @ref = fileRef } },
            },
        });

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var south = factory.Client(await factory.IssueKeyAsync(Scrm.App.Data.AppRoles.Dispatcher, Scrm.Domain.Geo.Regions.South, TimeSpan.FromHours(1)));
        (await south.GetAsync($"/api/v1/files/{fileRef}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var east = factory.Client(await factory.IssueKeyAsync(Scrm.App.Data.AppRoles.Dispatcher, Scrm.Domain.Geo.Regions.East, TimeSpan.FromHours(1)));
        (await east.GetAsync($"/api/v1/files/{fileRef}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
