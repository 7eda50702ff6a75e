// Mixed precision as PyTorch's autocast does it: inside a PrecisionScope with bf16 on, libtorch's
// autocast runs convolutions and matrix products in bfloat16 while weights, their gradients, the
// optimizer state and the loss stay float32 (batch norm keeps float32 statistics). The scope is
// per thread (autocast state is thread-local) and restores what the caller had.
#pragma once
#include <ATen/autocast_mode.h>
#include <torch/torch.h>

namespace wb {

enum class Precision : int32_t { fp32 = 0, bf16 = 1 };

class PrecisionScope {
 public:
  PrecisionScope(Precision precision, const torch::Device& device);
  ~PrecisionScope();
  PrecisionScope(const PrecisionScope&) = delete;
  PrecisionScope& operator=(const PrecisionScope&) = delete;

 private:
  bool active_ = false;
  bool cuda_ = false;
  bool was_enabled_ = false;
  at::ScalarType was_dtype_ = at::kFloat;
};

}  // namespace wb
