using Scrm.App.Features.Files;

namespace Scrm.Tests.Files;

public sealed class ContentSnifferTests
{
    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, "image/jpeg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, "image/png")]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 }, "image/gif")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50 }, "image/webp")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, "application/pdf")]
    public void KnowsAFileByItsFirstBytes(byte[] head, string expected) => ContentSniffer.Detect(head).ShouldBe(expected);

    [Theory]
    [InlineData(new byte[] { 0x23, 0x21, 0x2F, 0x62, 0x69, 0x6E })]  // "#!/bin"
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45 })]  // RIFF, but WAVE audio
    [InlineData(new byte[] { 0x89, 0x50, 0x4E })]  // half a PNG signature
    [InlineData(new byte[0])]
    public void DoesNotGuessAnythingElse(byte[] head) => ContentSniffer.Detect(head).ShouldBeNull();
}
