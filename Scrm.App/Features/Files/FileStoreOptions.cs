namespace Scrm.App.Features.Files;

/// <summary>The "Files" settings: where uploads go and what the store accepts at all (a form field can narrow it).</summary>
public sealed class FileStoreOptions
{
    public const string Section = "Files";

    /// <summary>The local folder of the default store; relative to the app's content root.</summary>
    public string Root { get; set; } = "App_Data/files";

    /// <summary>The largest file anyone may upload, whatever a form allows.</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The kinds of file the store keeps, recognised from their first bytes.</summary>
    public string[] AllowedContentTypes { get; set; } = ["image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf"];
}
