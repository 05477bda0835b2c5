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

    /// <summary>How long an upload no ticket took is kept (a public form left unsent) before it is swept.</summary>
    public TimeSpan AbandonedAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the sweep of abandoned uploads runs.</summary>
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromHours(1);
}
