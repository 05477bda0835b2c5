namespace Scrm.App.Features.Files;

public static class FilesServiceCollectionExtensions
{
    public static IServiceCollection AddFiles(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<FileStoreOptions>(configuration.GetSection(FileStoreOptions.Section));
        services.AddSingleton<IFileStore, LocalFileStore>();
        services.AddSingleton<Attachments>();
        services.AddSingleton<AbandonedUploads>();
        services.AddHostedService<AbandonedUploadSweeper>();
        return services;
    }

    /// <summary>/files/{ref} for signed-in users of the app (the API has its own under /api/v1/files).</summary>
    public static WebApplication MapFiles(this WebApplication app)
    {
        app.MapGet("/files/{fileRef}", FileEndpoints.DownloadAsync).RequireAuthorization();
        return app;
    }
}
