// The classifiers the engine can train. Each splits into a feature extractor (whose output is
// the penultimate-layer embedding used by clustering-based selection) and a linear head `fc`.
#pragma once
#include <torch/torch.h>
#include <memory>
#include <string>

namespace wb {

struct ClassifierImpl : torch::nn::Module {
  virtual torch::Tensor features(const torch::Tensor& x) = 0;
  virtual int64_t embedding_dim() const = 0;
  torch::Tensor forward(const torch::Tensor& x) { return fc(features(x)); }
  torch::nn::Linear fc{nullptr};
};

// arch: "resnet18" (torchvision names and shapes), "senet8", "smallcnn", "cnn4".
std::shared_ptr<ClassifierImpl> make_classifier(const std::string& arch, int64_t num_classes);

}  // namespace wb
