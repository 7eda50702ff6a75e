#include "handles.h"

#include <cstring>

namespace wb {

void require(bool condition, const std::string& message) {
  if (!condition) throw std::invalid_argument(message);
}

void copy_text(const std::string& text, char* out, int64_t out_len, int64_t* needed) {
  *needed = static_cast<int64_t>(text.size()) + 1;
  if (out == nullptr || out_len <= 0) return;
  size_t n = std::min<size_t>(text.size(), static_cast<size_t>(out_len - 1));
  std::memcpy(out, text.data(), n);
  out[n] = '\0';
}

void require_text_out(const char* out, int64_t out_len, const int64_t* needed) {
  require(needed != nullptr, "null 'needed' pointer: the caller must learn the text's size");
  require(out_len >= 0 && (out != nullptr || out_len == 0), "bad text buffer");
}

FoldedConvs* ModelState::inference_plan() {
  if (!fold_for_inference || !device.is_cpu()) {
    plan.reset();
    return nullptr;
  }
  const auto fingerprint = weights_fingerprint(*net);
  if (plan && plan_weights != fingerprint) plan.reset();
  if (!plan) {
    plan = std::make_unique<FoldedConvs>(precision == Precision::bf16);
    plan_weights = fingerprint;
  }
  return plan.get();
}

torch::Tensor index_tensor(const wb_images* images, const int64_t* indices, int64_t n) {
  auto idx = torch::from_blob(const_cast<int64_t*>(indices), {n}, torch::kLong).clone();
  const int64_t count = images->data.size(0);
  require(n == 0 || (idx.min().item<int64_t>() >= 0 && idx.max().item<int64_t>() < count),
          "image index out of range 0.." + std::to_string(count - 1));
  return idx;
}

std::mutex& creation_mutex() {
  static std::mutex mutex;
  return mutex;
}

torch::Tensor normalise(const torch::Tensor& x255) {
  static const float mean[] = {0.485f, 0.456f, 0.406f}, std_[] = {0.229f, 0.224f, 0.225f};
  auto m = torch::from_blob(const_cast<float*>(mean), {1, 3, 1, 1}).to(x255.device()) * 255.0f;
  auto s = torch::from_blob(const_cast<float*>(std_), {1, 3, 1, 1}).to(x255.device()) * 255.0f;
  return ((x255 - m) / s).contiguous();
}

torch::Tensor to_input(const torch::Tensor& batch_u8, const torch::Device& device) {
  return normalise(batch_u8.to(device, /*non_blocking=*/true).permute({0, 3, 1, 2}).to(torch::kFloat32));
}

torch::Tensor step_labels(const ModelState& model, const int64_t* labels, int32_t n) {
  auto y = torch::from_blob(const_cast<int64_t*>(labels), {n}, torch::kLong).clone();
  require(n == 0 || (y.min().item<int64_t>() >= 0 && y.max().item<int64_t>() < model.num_classes),
          "label out of range 0.." + std::to_string(model.num_classes - 1));
  return y;
}

torch::Tensor step_weights(const ModelState& model, const float* class_weights) {
  if (!class_weights) return {};
  auto weight = torch::from_blob(const_cast<float*>(class_weights), {model.num_classes}).clone();
  require(weight.min().item<float>() >= 0 && torch::isfinite(weight).all().item<bool>(),
          "class weights must be finite and >= 0");
  return weight.to(model.device);
}

}  // namespace wb
