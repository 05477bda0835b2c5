using Microsoft.Extensions.Options;

namespace Scrm.App.Features.Files;

/// <summary>Files in a folder on this server: one file per reference, spread over 256 sub-folders by its first digits.</summary>
public sealed class LocalFileStore : IFileStore
{
    private readonly string _root;

    public LocalFileStore(IOptions<FileStoreOptions> options, IHostEnvironment environment)
    {
        _root = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Root));
        Directory.CreateDirectory(_root);
    }

    public async Task SaveAsync(string fileRef, Stream content, CancellationToken ct = default)
    {
        var path = PathOf(fileRef);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written beside and renamed, so a reader never sees half a file.
        var partial = path + ".partial";
        await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            await content.CopyToAsync(file, ct);
        File.Move(partial, path, overwrite: true);
    }

    public Stream? Open(string fileRef)
    {
        var path = PathOf(fileRef);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;
    }

    public Task DeleteAsync(string fileRef, CancellationToken ct = default)
    {
        File.Delete(PathOf(fileRef));
        return Task.CompletedTask;
    }

    private string PathOf(string fileRef)
    {
        // References are made here ("f_" + hex); anything else never reaches the disk, so no "../" can.
        if (!Attachments.IsRef(fileRef)) throw new ArgumentException("Not a file reference.", nameof(fileRef));
        return Path.Combine(_root, fileRef.Substring(2, 2), fileRef);
    }
}
