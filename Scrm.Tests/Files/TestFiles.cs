namespace Scrm.Tests.Files;

/// <summary>Real file headers, so the store's sniffing sees what a phone or a scanner would send.</summary>
public static class TestFiles
{
    /// <summary>A valid 1×1 PNG, padded to <paramref name="size"/> bytes with trailing data (viewers ignore it).</summary>
    public static byte[] Png(int size = 0)
    {
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAfbLI3wAAAABJRU5ErkJggg==");
        return size <= png.Length ? png : [.. png, .. new byte[size - png.Length]];
    }

    public static byte[] Pdf() => "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    /// <summary>A shell script, whatever name it is sent under.</summary>
    public static byte[] Script() => "#!/bin/sh\nrm -rf /\n"u8.ToArray();
}
