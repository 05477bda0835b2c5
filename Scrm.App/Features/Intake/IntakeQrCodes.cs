using Microsoft.Extensions.Options;
using QRCoder;

namespace Scrm.App.Features.Intake;

/// <summary>QR codes of intake links, as PNG (QRCoder's PngByteQRCode: no System.Drawing, no libgdiplus).</summary>
public sealed class IntakeQrCodes(IOptions<IntakeOptions> options)
{
    /// <summary>The absolute address of an intake link: the configured public address, else the request's own.</summary>
    public string Link(HttpRequest request, string key, string? region)
    {
        var origin = options.Value.PublicBaseUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}";
        var link = $"{origin}/s/{Uri.EscapeDataString(key)}";
        return region is { Length: > 0 } ? $"{link}?region={Uri.EscapeDataString(region)}" : link;
    }

    public static byte[] Png(string text, int pixelsPerModule = 10)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }
}
