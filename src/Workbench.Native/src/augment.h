#pragma once
#include <torch/torch.h>

namespace wb {
// Random rotation / flips / shifts of a float NCHW batch as one affine resampling per image.
// Random numbers come from the caller's generator so that seeded runs repeat exactly.
torch::Tensor augment(const torch::Tensor& batch, int32_t flags, at::Generator& generator);
}
