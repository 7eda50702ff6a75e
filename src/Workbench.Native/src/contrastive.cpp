#include "contrastive.h"

#include <limits>

namespace wb {

ProjectionHeadImpl::ProjectionHeadImpl(int64_t embedding_dim, int64_t projection_dim)
    : hidden(register_module("hidden", torch::nn::Linear(embedding_dim, embedding_dim))),
      out(register_module("out", torch::nn::Linear(embedding_dim, projection_dim))) {}

torch::Tensor ProjectionHeadImpl::forward(const torch::Tensor& h) {
  return out(torch::relu(hidden(h)));
}

torch::Tensor nt_xent(const torch::Tensor& z1, const torch::Tensor& z2, double temperature) {
  const int64_t n = z1.size(0);
  auto z = torch::nn::functional::normalize(
      torch::cat({z1, z2}, 0), torch::nn::functional::NormalizeFuncOptions().dim(1));
  auto similarity = torch::mm(z, z.t()) / temperature;
  auto self = torch::eye(2 * n, torch::TensorOptions().dtype(torch::kBool).device(z.device()));
  // -inf drops a row's similarity with itself from its softmax exactly (exp(-inf) = 0).
  similarity = similarity.masked_fill(self, -std::numeric_limits<float>::infinity());
  auto options = torch::TensorOptions().dtype(torch::kLong).device(z.device());
  auto partner = torch::cat({torch::arange(n, 2 * n, options), torch::arange(0, n, options)});
  return torch::nn::functional::cross_entropy(similarity, partner);
}

}  // namespace wb
