namespace Scrm.App.Features.Files;

/// <summary>Where uploaded bytes live, by reference. Local folder by default; another store (object storage) plugs in here.</summary>
public interface IFileStore
{
    /// <summary>Keeps <paramref name="content"/> under <paramref name="fileRef"/>.</summary>
    Task SaveAsync(string fileRef, Stream content, CancellationToken ct = default);

    /// <summary>The bytes kept under <paramref name="fileRef"/>, or null when there are none.</summary>
    Stream? Open(string fileRef);

    Task DeleteAsync(string fileRef, CancellationToken ct = default);
}
