// The classifiers the engine can train. Each splits into a feature extractor (whose output is
// the penultimate-layer embedding used by clustering-based selection) and a linear head `fc`.
#pragma once
#include <torch/torch.h>
#include <memory>
#include <string>

#include "inference.h"

namespace wb {

struct ClassifierImpl : torch::nn::Module {
  virtual torch::Tensor features(const torch::Tensor& x) = 0;
  virtual int64_t embedding_dim() const = 0;
  // The dropout rate between the embedding and fc in training (0: none); MC-dropout samples it.
  virtual double head_dropout() const { return 0.0; }
  torch::Tensor forward(const torch::Tensor& x) { return fc(features(x)); }
  // features() in eval mode through an inference plan (inference.h), for a dense float NCHW x;
  // undefined when the architecture has no plan (senet8: its squeeze-excitation gate
  // multiplies by a broadcast, which oneDNN tensors do not support), and then the caller uses
  // features().
  virtual torch::Tensor folded_features(const torch::Tensor& /*x*/, FoldedConvs& /*plan*/) {
    return {};
  }
  torch::nn::Linear fc{nullptr};
};

// arch: "resnet18" (torchvision names and shapes), "senet8", "smallcnn", "cnn4", "cnn4-dropout".
std::shared_ptr<ClassifierImpl> make_classifier(const std::string& arch, int64_t num_classes);

}  // namespace wb
