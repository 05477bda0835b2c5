using Microsoft.AspNetCore.Http.HttpResults;

namespace Scrm.App.Features.Channels;

/// <summary>RFC 7807 answers of the channel endpoints, each with a stable code.</summary>
internal static class ChannelProblems
{
    public static ProblemHttpResult Problem(int status, string title, string code) =>
        TypedResults.Problem(statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["code"] = code });

    public static ProblemHttpResult TooLarge(int limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {limit} bytes.", "Channel.TooLarge");

    /// <summary>
    /// The body, read up to <paramref name="limit"/> bytes; null when it is larger. Content-Length is not trusted alone:
    /// a chunked body has none.
    /// </summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>True when <paramref name="timestamp"/> (Unix seconds) is within <paramref name="toleranceSeconds"/> of now.</summary>
    public static bool IsFresh(string? timestamp, DateTimeOffset now, int toleranceSeconds) =>
        long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
        && Math.Abs(now.ToUnixTimeSeconds() - seconds) <= toleranceSeconds;
}
