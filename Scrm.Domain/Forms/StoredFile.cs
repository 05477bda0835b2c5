namespace Scrm.Domain.Forms;

/// <summary>A file already put in the file store: the form keeps the reference, never the bytes.</summary>
public sealed record StoredFile(string Ref, string ContentType, long Size, string? FileName = null);
