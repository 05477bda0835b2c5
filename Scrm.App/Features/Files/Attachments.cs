using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scrm.App.Data;
using Scrm.App.Features.Shared;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Forms;

namespace Scrm.App.Features.Files;

/// <summary>
/// Uploads for ticket forms: checked against the store's limits and kept (<see cref="UploadAsync"/>), then taken by
/// the ticket whose form names them (<see cref="TrustAsync"/>, inside the ticket's write), and handed back only to
/// those who may see that ticket (<see cref="OpenAsync"/>).
/// </summary>
public sealed class Attachments(WritePath writes, IDbContextFactory<ScrmDbContext> dbFactory, IFileStore store,
    IOptions<FileStoreOptions> options, TimeProvider clock, ILogger<Attachments> log)
{
    public const string FileField = "file";

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    public static bool IsRef(string? text) =>
        text is { Length: Attachment.RefLength } && text.StartsWith("f_", StringComparison.Ordinal) && !text.AsSpan(2).ContainsAnyExcept(LowerHex);

    /// <summary>Keeps an upload of at most the store's size and of a kind it accepts, read from the bytes themselves.</summary>
    public async Task<StoredFile> UploadAsync(AccessScope scope, Stream content, string? fileName, CancellationToken ct = default)
    {
        if (!TicketPermissions.CanCreate(scope) && !TicketPermissions.CanFillForm(scope))
            throw new AccessDeniedException("File.UploadDenied", "Your role may not upload files.");
        var limits = options.Value;
        using var buffer = await ReadAtMostAsync(content, limits.MaxBytes, ct);
        var head = buffer.GetBuffer().AsSpan(0, (int)Math.Min(buffer.Length, ContentSniffer.HeaderLength));
        var contentType = ContentSniffer.Detect(head);
        if (contentType is null || !limits.AllowedContentTypes.Contains(contentType, StringComparer.OrdinalIgnoreCase))
            throw Refused("File.TypeNotAllowed", $"Only {string.Join(", ", limits.AllowedContentTypes)} files can be uploaded.",
                string.Join(", ", limits.AllowedContentTypes));

        var attachment = new Attachment
        {
            Ref = "f_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            FileName = CleanName(fileName, contentType),
            ContentType = contentType,
            Size = buffer.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length))),
            UploadedById = scope.Actor.Id,
            UploadedByName = scope.Actor.Name,
            UploadedAt = clock.GetUtcNow(),
        };
        buffer.Position = 0;
        // The bytes first: a row never names a file that is not there. A row that then fails leaves an orphan file,
        // which costs disk, not correctness.
        await store.SaveAsync(attachment.Ref, buffer, ct);
        await writes.RunAsync(scope, (db, _) =>
        {
            db.Attachments.Add(attachment);
            return Task.FromResult(0);
        }, ct);
        log.LogInformation("File {Ref} ({ContentType}, {Size} bytes) uploaded by {Actor}", attachment.Ref, contentType, attachment.Size, scope.Actor.Id);
        return attachment.ToStoredFile();
    }

    /// <summary>The file and its bytes, if <paramref name="scope"/> may see it: its uploader before a ticket takes it,
    /// afterwards whoever sees the ticket (region, a technician's own work). Null otherwise, as if it did not exist.</summary>
    public async Task<(Attachment File, Stream Content)?> OpenAsync(AccessScope scope, string fileRef, CancellationToken ct = default)
    {
        if (!IsRef(fileRef)) return null;
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var file = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Ref == fileRef, ct);
        if (file is null || store.Open(file.Ref) is not { } content) return null;
        return (file, content);
    }

    /// <summary>The files of <paramref name="refs"/> that <paramref name="scope"/> can see, as a form's value names them.</summary>
    public async Task<IReadOnlyList<StoredFile>> FindAsync(AccessScope scope, IReadOnlyCollection<string> refs, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var found = await db.Attachments.AsNoTracking().Where(a => refs.Contains(a.Ref)).ToDictionaryAsync(a => a.Ref, ct);
        return refs.Where(found.ContainsKey).Select(r => found[r].ToStoredFile()).ToList();
    }

    /// <summary>
    /// Inside a ticket's write: replaces each file a form's values name by what the store knows of it (its real
    /// type and size, never the caller's), and marks it taken by <paramref name="ticket"/>'s id when it is set.
    /// A file the caller did not upload, or that another ticket already holds, is refused beside its field. For a new
    /// ticket (no id yet) <see cref="TakeAsync"/> marks them once it is saved.
    /// </summary>
    public static async Task<Dictionary<string, object?>> TrustAsync(ScrmDbContext db, FormDefinition form,
        IReadOnlyDictionary<string, object?> values, long? ticketId, CancellationToken ct)
    {
        var trusted = new Dictionary<string, object?>(values, StringComparer.Ordinal);
        var named = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var field in form.Fields.Where(f => f.Type is FieldType.Upload or FieldType.Signature))
            if (values.TryGetValue(field.Key, out var value) && Refs(value) is { Count: > 0 } refs) named[field.Key] = refs;
        if (named.Count == 0) return trusted;

        var all = named.Values.SelectMany(r => r).Distinct().ToList();
        // The query filter shows a caller their own untaken uploads and the files of tickets they can see.
        var rows = await db.Attachments.Where(a => all.Contains(a.Ref)).ToDictionaryAsync(a => a.Ref, ct);
        var errors = new List<FieldError>();
        foreach (var (key, refs) in named)
        {
            var unusable = refs.FirstOrDefault(r => !rows.TryGetValue(r, out var row) || row.TicketId is { } held && held != ticketId);
            if (unusable is not null)
            {
                errors.Add(new FieldError("form." + key, "File.Unknown", $"File '{unusable}' was not uploaded here or belongs to another ticket.", unusable));
                continue;
            }
            // Taken now (tracked, saved with the ticket's change, undone with it if the form is refused after all).
            if (ticketId is not null) foreach (var r in refs) rows[r].TicketId = ticketId;
            var files = refs.Select(r => rows[r].ToStoredFile()).ToArray();
            trusted[key] = form.Find(key)!.Type == FieldType.Signature ? files[0] : files;
        }
        if (errors.Count > 0) throw new InputRejectedException(errors);
        return trusted;
    }

    /// <summary>Marks the files a saved form holds as the ticket's, in the same transaction as the ticket.</summary>
    public static async Task TakeAsync(ScrmDbContext db, IReadOnlyDictionary<string, object> values, long ticketId, CancellationToken ct)
    {
        var refs = values.Values.SelectMany(v => v switch
        {
            StoredFile one => [one.Ref],
            IEnumerable<StoredFile> many => many.Select(f => f.Ref),
            _ => [],
        }).ToList();
        if (refs.Count == 0) return;
        foreach (var row in await db.Attachments.Where(a => refs.Contains(a.Ref) && a.TicketId == null).ToListAsync(ct))
            row.TicketId = ticketId;
    }

    /// <summary>The references a value names: StoredFile(s) from a page, {"ref": …} object(s) from the API.</summary>
    private static List<string> Refs(object? value) => value switch
    {
        StoredFile one => [one.Ref],
        IEnumerable<StoredFile> many => many.Select(f => f.Ref).ToList(),
        JsonElement { ValueKind: JsonValueKind.Object } json => RefOf(json) is { } r ? [r] : [],
        JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select(RefOf).OfType<string>().ToList(),
        _ => [],
    };

    private static string? RefOf(JsonElement json) =>
        json.ValueKind == JsonValueKind.Object && (json.TryGetProperty("ref", out var r) || json.TryGetProperty("Ref", out r))
        && r.ValueKind == JsonValueKind.String ? r.GetString() : null;

    private static async Task<MemoryStream> ReadAtMostAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                await buffer.DisposeAsync();
                throw Refused("File.TooLarge", $"Files can be at most {maxBytes / 1024 / 1024} MB.", maxBytes / 1024 / 1024);
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) throw Refused("File.Empty", "The file is empty.");
        return buffer;
    }

    private static InputRejectedException Refused(string code, string message, params object[] args) =>
        new([new FieldError(FileField, code, message, args)]);

    /// <summary>A name to show and to download as: no folders, no control characters, and the extension of what it is.</summary>
    private static string CleanName(string? fileName, string contentType)
    {
        var name = Path.GetFileName(fileName ?? "").Trim();
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '\\' or '/')).ToArray());
        if (name.Length == 0) name = "file";
        if (name.Length > Attachment.FileNameMaxLength - 5) name = name[..(Attachment.FileNameMaxLength - 5)];
        var extension = contentType switch
        {
            "image/jpeg" => ".jpg", "image/png" => ".png", "image/gif" => ".gif", "image/webp" => ".webp", "application/pdf" => ".pdf", _ => "",
        };
        var own = Path.GetExtension(name).ToLowerInvariant();
        return own == extension || own == ".jpeg" && extension == ".jpg" ? name : Path.GetFileNameWithoutExtension(name) + extension;
    }
}
