using Microsoft.AspNetCore.Http;
using Workbench.Data;
using Workbench.Display;
using Workbench.Engine;

namespace Workbench.Labelling;

/// <summary>Image responses. Browsers show JPEG and PNG themselves; a TIFF is decoded by the engine and sent as PNG.</summary>
internal static class Images
{
    /// <summary>Side of the PNG a TIFF is shown at.</summary>
    public const int ConvertedSize = 384;

    public static IResult Serve(string? path)
    {
        if (path is null) return Results.NotFound(new ApiError("this data has no image files"));
        var (format, reason) = ImageFormatSniffer.DetectFile(path);
        switch (format)
        {
            case ImageFormat.Jpeg: return Results.File(path, "image/jpeg");
            case ImageFormat.Png: return Results.File(path, "image/png");
            case ImageFormat.Tiff:
                try
                {
                    var decoded = ImageDecoder.Decode(path, ConvertedSize);
                    return Results.Bytes(PngEncoder.EncodeRgb(decoded.Pixels, ConvertedSize, ConvertedSize), "image/png");
                }
                catch (EngineException e) { return Results.Json(new ApiError(e.Message), statusCode: StatusCodes.Status422UnprocessableEntity); }
            default:
                return Results.Json(new ApiError($"the image file cannot be shown: {reason}"), statusCode: StatusCodes.Status422UnprocessableEntity);
        }
    }
}
