#include "decode.h"

#include <png.h>
#include <turbojpeg.h>

#include <cstdio>
#include <fstream>
#include <algorithm>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <vector>

namespace wb {
namespace {

using Rgb = RgbImage;

std::vector<uint8_t> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open '" + path + "'");
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

// True when the JPEG carries Adobe's APP14 segment before its scan data. Adobe applications
// (and most other writers of CMYK JPEGs, e.g. Pillow) then store the inks inverted (255 = no ink).
bool has_adobe_marker(const std::vector<uint8_t>& bytes) {
  size_t pos = 2;
  while (pos + 4 <= bytes.size() && bytes[pos] == 0xFF) {
    uint8_t marker = bytes[pos + 1];
    if (marker == 0xDA || marker == 0xD9) break;  // start of scan / end of image
    size_t length = (size_t(bytes[pos + 2]) << 8) | bytes[pos + 3];
    if (marker == 0xEE && length >= 7 && pos + 9 <= bytes.size() &&
        std::equal(bytes.begin() + pos + 4, bytes.begin() + pos + 9, "Adobe"))
      return true;
    pos += 2 + length;
  }
  return false;
}

// Naive CMYK -> RGB (no colour profile): R = (1 - C)(1 - K) etc., in 8-bit arithmetic. With the
// Adobe convention the stored bytes are already 255 - ink, so R = C'K'/255.
std::vector<uint8_t> cmyk_to_rgb(const std::vector<uint8_t>& cmyk, bool inverted) {
  std::vector<uint8_t> rgb(cmyk.size() / 4 * 3);
  for (size_t i = 0, o = 0; i + 3 < cmyk.size(); i += 4, o += 3) {
    int k = inverted ? cmyk[i + 3] : 255 - cmyk[i + 3];
    for (int c = 0; c < 3; ++c) {
      int ink = inverted ? cmyk[i + c] : 255 - cmyk[i + c];
      rgb[o + c] = static_cast<uint8_t>((ink * k + 127) / 255);
    }
  }
  return rgb;
}

Rgb decode_jpeg(const std::string& path, const std::vector<uint8_t>& bytes, int target) {
  std::unique_ptr<void, int (*)(tjhandle)> tj(tjInitDecompress(), tjDestroy);
  int width, height, subsampling, colorspace;
  if (tjDecompressHeader3(tj.get(), bytes.data(), bytes.size(), &width, &height, &subsampling,
                          &colorspace) != 0)
    throw std::runtime_error("'" + path + "' is not a readable JPEG: " + tjGetErrorStr2(tj.get()));
  // Let the decoder downscale by 1/2, 1/4 or 1/8 while it decodes when that still leaves at
  // least the target size: several times faster than decoding the full image.
  int count = 0;
  tjscalingfactor* factors = tjGetScalingFactors(&count);
  int best_w = width, best_h = height;
  for (int i = 0; i < count; ++i) {
    int w = TJSCALED(width, factors[i]), h = TJSCALED(height, factors[i]);
    if (w >= target && h >= target && w * h < best_w * best_h) {
      best_w = w;
      best_h = h;
    }
  }
  Rgb rgb;
  rgb.width = best_w;
  rgb.height = best_h;
  // TurboJPEG decodes CMYK/YCCK files only to CMYK pixels; we convert those to RGB below.
  const bool cmyk = colorspace == TJCS_CMYK || colorspace == TJCS_YCCK;
  std::vector<uint8_t> decoded(static_cast<size_t>(best_w) * best_h * (cmyk ? 4 : 3));
  if (tjDecompress2(tj.get(), bytes.data(), bytes.size(), decoded.data(), best_w, 0, best_h,
                    cmyk ? TJPF_CMYK : TJPF_RGB, TJFLAG_ACCURATEDCT) != 0) {
    // A truncated file decodes partially with a warning; we refuse it rather than train on grey.
    throw std::runtime_error("'" + path + "' is a damaged JPEG: " + tjGetErrorStr2(tj.get()));
  }
  if (cmyk)
    rgb.pixels = cmyk_to_rgb(decoded, has_adobe_marker(bytes));
  else
    rgb.pixels = std::move(decoded);
  return rgb;
}

Rgb decode_png(const std::string& path, const std::vector<uint8_t>& bytes) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size()))
    throw std::runtime_error("'" + path + "' is not a readable PNG: " + image.message);
  image.format = PNG_FORMAT_RGB;
  Rgb rgb;
  rgb.width = static_cast<int>(image.width);
  rgb.height = static_cast<int>(image.height);
  rgb.pixels.resize(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, rgb.pixels.data(), 0, nullptr)) {
    std::string message = image.message;
    png_image_free(&image);
    throw std::runtime_error("'" + path + "' is a damaged PNG: " + message);
  }
  return rgb;
}

// Weights of source pixels covering each destination pixel along one axis (box filter).
struct Span {
  int first;
  std::vector<float> weights;
};

std::vector<Span> area_spans(int source, int target) {
  std::vector<Span> spans(target);
  const double scale = static_cast<double>(source) / target;
  for (int d = 0; d < target; ++d) {
    double lo = d * scale, hi = (d + 1) * scale;
    if (scale < 1.0) {  // upsampling: nearest source pixel
      spans[d].first = std::min(source - 1, static_cast<int>(lo + scale / 2));
      spans[d].weights = {1.0f};
      continue;
    }
    spans[d].first = static_cast<int>(lo);
    for (int s = spans[d].first; s < source && s < hi; ++s) {
      double cover = std::min<double>(s + 1, hi) - std::max<double>(s, lo);
      spans[d].weights.push_back(static_cast<float>(cover / scale));
    }
  }
  return spans;
}

void resample(const Rgb& rgb, int size, uint8_t* out) {
  auto xs = area_spans(rgb.width, size), ys = area_spans(rgb.height, size);
  std::vector<float> rows(static_cast<size_t>(rgb.height) * size * 3);
  for (int y = 0; y < rgb.height; ++y)
    for (int x = 0; x < size; ++x)
      for (int c = 0; c < 3; ++c) {
        float sum = 0;
        for (size_t k = 0; k < xs[x].weights.size(); ++k)
          sum += xs[x].weights[k] * rgb.pixels[(static_cast<size_t>(y) * rgb.width + xs[x].first + k) * 3 + c];
        rows[(static_cast<size_t>(y) * size + x) * 3 + c] = sum;
      }
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x)
      for (int c = 0; c < 3; ++c) {
        float sum = 0;
        for (size_t k = 0; k < ys[y].weights.size(); ++k)
          sum += ys[y].weights[k] * rows[((ys[y].first + k) * size + x) * 3 + c];
        out[(static_cast<size_t>(y) * size + x) * 3 + c] =
            static_cast<uint8_t>(std::min(255.0f, std::max(0.0f, sum + 0.5f)));
      }
}

}  // namespace

void decode_image(const std::string& path, int32_t size, uint8_t* out, int32_t* width,
                  int32_t* height) {
  if (size < 1 || size > 4096) throw std::invalid_argument("image size must be in 1..4096");
  auto bytes = read_bytes(path);
  Rgb rgb;
  if (bytes.size() >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF) {
    // Report the size of the file, not of the decoder's downscaled copy.
    std::unique_ptr<void, int (*)(tjhandle)> tj(tjInitDecompress(), tjDestroy);
    int sub, cs;
    if (tjDecompressHeader3(tj.get(), bytes.data(), bytes.size(), width, height, &sub, &cs) != 0)
      throw std::runtime_error("'" + path + "' is not a readable JPEG: " + tjGetErrorStr2(tj.get()));
    rgb = decode_jpeg(path, bytes, size);
  } else if (bytes.size() >= 8 && png_sig_cmp(bytes.data(), 0, 8) == 0) {
    rgb = decode_png(path, bytes);
    *width = rgb.width;
    *height = rgb.height;
  } else if (is_tiff(bytes)) {
    rgb = decode_tiff(path);
    *width = rgb.width;
    *height = rgb.height;
  } else {
    throw std::runtime_error("'" + path + "' is not a JPEG, PNG or TIFF image (" +
                             std::to_string(bytes.size()) + " bytes, unknown signature)");
  }
  resample(rgb, size, out);
}

}  // namespace wb
