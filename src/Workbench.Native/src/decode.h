#pragma once
#include <cstdint>
#include <string>

namespace wb {
// Decodes a JPEG or PNG file to RGB and resamples it to size x size (area averaging).
void decode_image(const std::string& path, int32_t size, uint8_t* out, int32_t* width,
                  int32_t* height);
}
