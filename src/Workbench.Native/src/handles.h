// What the C ABI's opaque handles stand for, and the argument helpers every ABI file shares
// (api.cpp for models / training / prediction, pretrain.cpp for contrastive pretraining).
#pragma once
#include <torch/torch.h>

#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include "models.h"

namespace wb {
// What a model handle stands for. Shared between the handle and its trainers, so that freeing
// the handle while a trainer lives cannot leave the trainer with a dangling model.
struct ModelState {
  std::shared_ptr<ClassifierImpl> net;
  torch::Device device;
  int64_t num_classes;
  bool channels_last;

  torch::Tensor layout(const torch::Tensor& x) const {
    return channels_last ? x.contiguous(torch::MemoryFormat::ChannelsLast) : x;
  }
};

inline void require(bool condition, const std::string& message) {
  if (!condition) throw std::invalid_argument(message);
}

// uint8 NHWC -> normalised float NCHW on the model's device (ImageNet statistics, so that
// torchvision weights see the inputs they were trained on).
torch::Tensor to_input(const torch::Tensor& batch_u8, const torch::Device& device);
// The normalisation of to_input for a float NCHW batch on the 0..255 scale: one arithmetic for
// training, prediction and pretraining views, so a pretrained backbone sees the same inputs.
torch::Tensor normalise(const torch::Tensor& x255);
}  // namespace wb

struct wb_model {
  std::shared_ptr<wb::ModelState> state;
};

struct wb_images {
  torch::Tensor data;  // uint8 [count, size, size, 3], CPU
};

namespace wb {
// Parameter initialisation draws from libtorch's default generator; every creation (models,
// projection heads) holds this lock so that concurrent creations cannot interleave their draws.
std::mutex& creation_mutex();

// The indices as a tensor, checked against the image count (so a bad id is an error, not a
// read outside the set).
torch::Tensor index_tensor(const wb_images* images, const int64_t* indices, int64_t n);
}  // namespace wb
