using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Workbench.Display;

namespace Workbench.Tests.Display;

public sealed class PngEncoderTests
{
    [Fact]
    public void Crc32_matches_the_standard_check_values()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0xAE426082u, Crc32.Compute(Encoding.ASCII.GetBytes("IEND")));
        Assert.Equal(Crc32.Compute("123456789"u8), Crc32.Append(Crc32.Compute("1234"u8), "56789"u8));
    }

    [Fact]
    public void Encoded_png_has_valid_chunks_and_decodes_to_the_same_pixels()
    {
        const int width = 5, height = 3;
        var rgb = new byte[width * height * 3];
        var random = new Random(7);
        random.NextBytes(rgb);

        byte[] png = PngEncoder.EncodeRgb(rgb, width, height);

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        var chunks = ReadChunks(png);
        Assert.Equal(["IHDR", "IDAT", "IEND"], chunks.Select(c => c.Type));
        var header = chunks[0].Data;
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(0, 4)));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4, 4)));
        Assert.Equal(new byte[] { 8, 2, 0, 0, 0 }, header[8..13]);

        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(chunks[1].Data), CompressionMode.Decompress)) zlib.CopyTo(inflated);
        byte[] raw = inflated.ToArray();
        Assert.Equal(height * (1 + width * 3), raw.Length);
        for (int y = 0; y < height; y++)
        {
            Assert.Equal(0, raw[y * (1 + width * 3)]);
            Assert.Equal(rgb.AsSpan(y * width * 3, width * 3).ToArray(), raw.AsSpan(y * (1 + width * 3) + 1, width * 3).ToArray());
        }
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

    private static List<(string Type, byte[] Data)> ReadChunks(byte[] png)
    {
        var chunks = new List<(string, byte[])>();
        int offset = 8;
        while (offset < png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset, 4));
            string type = Encoding.ASCII.GetString(png, offset + 4, 4);
            byte[] data = png.AsSpan(offset + 8, length).ToArray();
            uint stored = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length, 4));
            Assert.Equal(Crc32.Compute(png.AsSpan(offset + 4, 4 + length)), stored);
            chunks.Add((type, data));
            offset += 12 + length;
        }
        Assert.Equal(png.Length, offset);
        return chunks;
    }
}
