// SimCLR's pieces besides the views: the projection head and the NT-Xent loss.
#pragma once
#include <torch/torch.h>

namespace wb {

// The MLP on the backbone's embedding (Linear-ReLU-Linear, hidden width = embedding width).
// The loss is taken on its output; it is thrown away after pretraining, because the layer
// before it keeps more of what a classifier needs (SimCLR, section 4.2).
struct ProjectionHeadImpl : torch::nn::Module {
  ProjectionHeadImpl(int64_t embedding_dim, int64_t projection_dim);
  torch::Tensor forward(const torch::Tensor& h);
  torch::nn::Linear hidden{nullptr}, out{nullptr};
};
TORCH_MODULE(ProjectionHead);

// NT-Xent (normalised temperature-scaled cross entropy) of n positive pairs (z1[i], z2[i]):
// cosine similarities of all 2n projections divided by the temperature, each row's own entry
// masked out, cross entropy towards its pair's partner, mean over the 2n rows.
torch::Tensor nt_xent(const torch::Tensor& z1, const torch::Tensor& z2, double temperature);

}  // namespace wb
