using Scrm.App.Data;

namespace Scrm.App.Features.Files;

/// <summary>Uploading and downloading form files over HTTP; the app's pages and the API share these handlers.</summary>
internal static class FileEndpoints
{
    /// <summary>A file the caller may see; 404 for one they may not, so references cannot be probed.</summary>
    public static async Task<IResult> DownloadAsync(string fileRef, HttpContext http, Attachments attachments, CancellationToken ct)
    {
        if (await attachments.OpenAsync(AccessScope.From(http.User), fileRef, ct) is not var (file, content))
            return Results.NotFound();
        // Served as what the bytes are, never sniffed by the browser into something that runs.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, max-age=86400";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";
        var inline = file.ContentType.StartsWith("image/", StringComparison.Ordinal) || file.ContentType == "application/pdf";
        return Results.File(content, file.ContentType, inline ? null : file.FileName, enableRangeProcessing: true);
    }

    /// <summary>POST multipart/form-data with one part named "file"; answers the reference a form's value uses.</summary>
    public static async Task<IResult> UploadAsync(HttpContext http, Attachments attachments, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
            throw Missing();
        var form = await http.Request.ReadFormAsync(ct);
        var part = form.Files.GetFile(Attachments.FileField)
            ?? throw Missing();
        await using var content = part.OpenReadStream();
        var stored = await attachments.UploadAsync(AccessScope.From(http.User), content, part.FileName, ct);
        return Results.Created($"{Api.ApiSetup.V1}/files/{stored.Ref}", stored);
    }

    private static Shared.InputRejectedException Missing() => new([new Shared.FieldError(Attachments.FileField, "File.Missing",
        "Send the file as multipart/form-data in a part named \"file\".")]);
}
