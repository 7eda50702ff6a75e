// What the opaque handles of workbench.h stand for, and the argument helpers shared by the
// files that implement the ABI (api.cpp, api_distributed.cpp, pretrain.cpp).
#pragma once
#include <torch/torch.h>

#include <memory>
#include <mutex>
#include <string>

#include "distributed.h"
#include "gradient_reducer.h"
#include "inference.h"
#include "models.h"
#include "precision.h"

namespace wb {
// What a model handle stands for. Shared between the handle and its trainers, so that freeing
// the handle while a trainer lives cannot leave the trainer with a dangling model.
struct ModelState {
  ModelState(std::shared_ptr<ClassifierImpl> net_, torch::Device device_, int64_t num_classes_,
             bool channels_last_)
      : net(std::move(net_)), device(device_), num_classes(num_classes_), channels_last(channels_last_) {}
  std::shared_ptr<ClassifierImpl> net;
  torch::Device device;
  int64_t num_classes = 0;
  bool channels_last = false;
  // Training, pretraining and prediction run under this precision (precision.h); the weights
  // themselves are always float32.
  Precision precision = Precision::fp32;

  torch::Tensor layout(const torch::Tensor& x) const {
    return channels_last ? x.contiguous(torch::MemoryFormat::ChannelsLast) : x;
  }

  // Prediction on CPU runs an inference plan (inference.h): a copy of the weights with BN
  // folded in, kept between calls so that folding and packing are paid once per set of weights
  // (a round scores its whole pool in many calls), not once per call.
  bool fold_for_inference = true;
  std::unique_ptr<FoldedConvs> plan;
  uint64_t plan_weights = 0;  // weights_fingerprint() of the weights the plan was folded from
  // Every call that may write the weights says so (training, loading, copying, broadcasting);
  // the fingerprint in inference_plan() is the second line of defence for any writer that
  // forgets, but it need not see BN running statistics updated inside a train-mode forward.
  void weights_changed() { plan.reset(); }
  // The plan for the current weights (folded again if they changed), or nullptr when
  // prediction should run the eager modules (folding off, or not on CPU).
  FoldedConvs* inference_plan();
};

void require(bool condition, const std::string& message);
// The text out-parameter convention of workbench.h: write what fits (NUL-terminated) and always
// say how much the whole text needs, so a caller can tell truncation and ask again.
void copy_text(const std::string& text, char* out, int64_t out_len, int64_t* needed);
void require_text_out(const char* out, int64_t out_len, const int64_t* needed);
}  // namespace wb

struct wb_model {
  std::shared_ptr<wb::ModelState> state;
};

struct wb_images {
  torch::Tensor data;  // uint8 [count, size, size, 3], CPU
};

struct wb_dist {
  std::shared_ptr<wb::Group> group;  // shared with the trainers attached to it
};

struct wb_trainer {
  std::shared_ptr<wb::ModelState> model;  // co-owner: outlives wb_model_free if need be
  std::unique_ptr<torch::optim::SGD> optimizer;
  at::Generator generator;
  std::shared_ptr<wb::Group> group;  // set: each step all-reduces gradients over the group
  // Made on the first data-parallel step and dropped when the group changes; declared last so that its hooks are
  // removed before the group and the model go.
  std::unique_ptr<wb::GradientReducer> reducer;
};

namespace wb {
torch::Tensor index_tensor(const wb_images* images, const int64_t* indices, int64_t n);
// uint8 NHWC -> normalised float NCHW on the model's device (ImageNet statistics, so that
// torchvision weights see the inputs they were trained on).
torch::Tensor to_input(const torch::Tensor& batch_u8, const torch::Device& device);
// The normalisation of to_input for a float NCHW batch on the 0..255 scale: one arithmetic for
// training, prediction and pretraining views, so a pretrained backbone sees the same inputs.
torch::Tensor normalise(const torch::Tensor& x255);
// Parameter initialisation draws from libtorch's default generator; every creation (models,
// projection heads) holds this lock so that concurrent creations cannot interleave their draws.
std::mutex& creation_mutex();
// The labels [n] and class weights [num_classes] (undefined when NULL) of a step, checked.
torch::Tensor step_labels(const ModelState& model, const int64_t* labels, int32_t n);
torch::Tensor step_weights(const ModelState& model, const float* class_weights);
// A data-parallel step (wb_trainer_step with a group attached): see workbench.h.
void distributed_step(wb_trainer& trainer, const wb_images& images, const int64_t* indices,
                      const int64_t* labels, int32_t n, const float* class_weights, int32_t aug_flags,
                      float* loss, int32_t* correct);
}  // namespace wb
