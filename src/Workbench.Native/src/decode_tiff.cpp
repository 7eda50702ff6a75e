// TIFF decoding through libtiff's RGBA interface, which already handles the sample layouts we
// accept (1-16 bits grey or RGB, palettes, any compression libtiff was built with) and scales
// 16-bit samples to 8 bits.
#include <tiffio.h>

#include <cstdarg>
#include <cstdio>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "decode.h"

namespace wb {
namespace {

// libtiff reports errors through one process-wide handler; each thread keeps its own last
// message so that concurrent decodes do not mix them up.
thread_local std::string tiff_error;

void on_tiff_error(const char* module, const char* format, va_list args) {
  char text[512];
  std::vsnprintf(text, sizeof text, format, args);
  tiff_error = (module ? std::string(module) + ": " : std::string()) + text;
}

void install_handlers() {
  static std::once_flag once;
  std::call_once(once, [] {
    TIFFSetErrorHandler(on_tiff_error);
    TIFFSetWarningHandler(nullptr);  // unknown private tags are common and harmless
  });
}

// Refuses images whose RGBA raster would not fit comfortably in memory (256 megapixels).
constexpr uint64_t kMaxPixels = uint64_t(1) << 28;

}  // namespace

bool is_tiff(const std::vector<uint8_t>& bytes) {
  if (bytes.size() < 4) return false;
  bool little = bytes[0] == 'I' && bytes[1] == 'I' && (bytes[2] == 42 || bytes[2] == 43) && bytes[3] == 0;
  bool big = bytes[0] == 'M' && bytes[1] == 'M' && bytes[2] == 0 && (bytes[3] == 42 || bytes[3] == 43);
  return little || big;
}

RgbImage decode_tiff(const std::string& path) {
  install_handlers();
  tiff_error.clear();
  std::unique_ptr<TIFF, void (*)(TIFF*)> tif(TIFFOpen(path.c_str(), "r"), TIFFClose);
  if (!tif)
    throw std::runtime_error("'" + path + "' is not a readable TIFF: " +
                             (tiff_error.empty() ? "no readable image directory" : tiff_error));
  uint32_t width = 0, height = 0;
  TIFFGetField(tif.get(), TIFFTAG_IMAGEWIDTH, &width);
  TIFFGetField(tif.get(), TIFFTAG_IMAGELENGTH, &height);
  if (width == 0 || height == 0)
    throw std::runtime_error("'" + path + "' is a TIFF without image width or height");
  if (uint64_t(width) * height > kMaxPixels)
    throw std::runtime_error("'" + path + "' is a TIFF of " + std::to_string(width) + "x" +
                             std::to_string(height) + " pixels, more than 256 megapixels");
  char message[1024] = "";
  if (!TIFFRGBAImageOK(tif.get(), message))
    throw std::runtime_error("'" + path + "' is a TIFF this decoder cannot convert to RGB: " + message);
  std::vector<uint32_t> raster(static_cast<size_t>(width) * height);
  if (!TIFFReadRGBAImageOriented(tif.get(), width, height, raster.data(), ORIENTATION_TOPLEFT, 0))
    throw std::runtime_error("'" + path + "' is a damaged TIFF: " + tiff_error);
  RgbImage rgb;
  rgb.width = static_cast<int>(width);
  rgb.height = static_cast<int>(height);
  rgb.pixels.resize(raster.size() * 3);
  for (size_t i = 0; i < raster.size(); ++i) {
    rgb.pixels[i * 3] = static_cast<uint8_t>(TIFFGetR(raster[i]));
    rgb.pixels[i * 3 + 1] = static_cast<uint8_t>(TIFFGetG(raster[i]));
    rgb.pixels[i * 3 + 2] = static_cast<uint8_t>(TIFFGetB(raster[i]));
  }
  return rgb;
}

}  // namespace wb
