#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace wb {
// An image decoded to 8-bit RGB, row-major, 3 bytes per pixel.
struct RgbImage {
  std::vector<uint8_t> pixels;
  int width = 0, height = 0;
};

// Decodes a JPEG, PNG or TIFF file to RGB and resamples it to size x size (area averaging).
void decode_image(const std::string& path, int32_t size, uint8_t* out, int32_t* width,
                  int32_t* height);

// True when bytes start with a TIFF signature (little- or big-endian, classic or BigTIFF).
bool is_tiff(const std::vector<uint8_t>& bytes);

// Decodes the first page of a TIFF file (libtiff's RGBA reader: grayscale, RGB, palette; 8 or
// 16 bits per sample, 16 scaled to 8) to RGB, top-left origin. Throws with a message naming path.
RgbImage decode_tiff(const std::string& path);
}  // namespace wb
