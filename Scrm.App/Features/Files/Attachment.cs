namespace Scrm.App.Features.Files;

/// <summary>
/// A file someone uploaded for a ticket's form: a photo of the fault, a signed acceptance. The bytes sit in the
/// <see cref="IFileStore"/>; this row says what they are, who brought them and which ticket holds them. Until a ticket
/// takes it, only its uploader can see or use it; after that, whoever can see the ticket.
/// </summary>
public sealed class Attachment
{
    public const int RefLength = 34;
    public const int FileNameMaxLength = 200;

    /// <summary>"f_" and 32 random hex digits: the only name the file has outside the store, unguessable.</summary>
    public string Ref { get; set; } = "";
    public string FileName { get; set; } = "";

    /// <summary>What the bytes are, as read from them (not as the uploader claimed).</summary>
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public string UploadedById { get; set; } = "";
    public string UploadedByName { get; set; } = "";
    public DateTimeOffset UploadedAt { get; set; }

    /// <summary>The ticket whose form holds the file; null while it waits to be submitted. A concurrency token, so two
    /// tickets cannot both take one file.</summary>
    public long? TicketId { get; set; }

    public Scrm.Domain.Forms.StoredFile ToStoredFile() => new(Ref, ContentType, Size, FileName);
}
