// PngEncoder's output checked by an independent decoder: Debian's Python with Pillow (installed
// with python3-torchvision), which also verifies every chunk's CRC.
using System.Buffers.Binary;
using System.Diagnostics;
using Workbench.Display;

namespace Workbench.Tests.Display;

public sealed class PngEncoderTests
{
    [Theory]
    [InlineData(5, 3)]
    [InlineData(37, 23)]
    [InlineData(1, 1)]
    public void Encoded_png_decodes_to_the_same_rgb_pixels(int width, int height)
    {
        var rgb = new byte[width * height * 3];
        new Random(width * 31 + height).NextBytes(rgb);

        byte[] png = PngEncoder.EncodeRgb(rgb, width, height);

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR"u8.ToArray(), png[12..16]);
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
        Assert.Equal(new byte[] { 8, 2 }, png[24..26]);  // 8 bits, truecolour RGB (no alpha)

        var (mode, decoded) = DecodeWithPillow(png);
        Assert.Equal($"RGB {width} {height}", mode);
        Assert.Equal(rgb, decoded);
    }

    [Fact]
    public void Encoding_is_deterministic_and_checks_the_buffer_size()
    {
        var rgb = Enumerable.Range(0, 4 * 4 * 3).Select(i => (byte)i).ToArray();
        Assert.Equal(PngEncoder.EncodeRgb(rgb, 4, 4), PngEncoder.EncodeRgb(rgb, 4, 4));
        Assert.StartsWith("data:image/png;base64,iVBORw0KGgo", PngEncoder.ToDataUri(PngEncoder.EncodeRgb(rgb, 4, 4)));
        Assert.Equal("rgb", Assert.Throws<ArgumentException>(() => PngEncoder.EncodeRgb(rgb, 4, 3)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => PngEncoder.EncodeRgb([], 0, 1));
    }

    private static (string Mode, byte[] Pixels) DecodeWithPillow(byte[] png)
    {
        var folder = Directory.CreateTempSubdirectory("wb-png-").FullName;
        try
        {
            string input = Path.Combine(folder, "in.png"), output = Path.Combine(folder, "out.raw");
            File.WriteAllBytes(input, png);
            const string script = """
                import sys
                from PIL import Image
                image = Image.open(sys.argv[1])
                image.load()
                print(image.mode, *image.size)
                open(sys.argv[2], 'wb').write(image.tobytes())
                """;
            var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "-c", script, input, output }) start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var mode = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"Pillow could not decode the PNG: {stderr.Result}");
            return (mode, File.ReadAllBytes(output));
        }
        finally { Directory.Delete(folder, true); }
    }
}
