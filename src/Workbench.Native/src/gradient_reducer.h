// The gradient all-reduce of a data-parallel step, overlapped with the backward pass as DDP's reducer does it.
// Parameters are grouped, in reverse order (the order backward produces their gradients), into flat buckets; a hook
// on each parameter copies its gradient into its bucket as soon as backward has it, and a bucket whose last gradient
// has arrived is all-reduced at once, on Gloo's (or NCCL's) own threads, while backward goes on with earlier layers.
// Buckets are launched strictly in index order on every rank (c10d's rule: the same collectives in the same order),
// so a bucket that fills early waits for the ones before it.
#pragma once
#include <torch/torch.h>

#include <vector>

#include "distributed.h"

namespace wb {

class GradientReducer {
 public:
  // params: the model's parameters in module order. The first bucket is small (as DDP's 1 MiB) so that the first
  // all-reduce starts after the last layers' backward instead of waiting for a full bucket.
  GradientReducer(Group& group, std::vector<torch::Tensor> params, int64_t first_bucket_bytes,
                  int64_t bucket_bytes);
  ~GradientReducer();
  GradientReducer(const GradientReducer&) = delete;
  GradientReducer& operator=(const GradientReducer&) = delete;

  // Before a backward pass whose gradients are to be summed over the group: the hooks collect only in between.
  void begin();
  // After it: launches what the hooks did not (a rank without images, a parameter outside the forward: zeros),
  // waits for every bucket and writes the summed gradients into the parameters' .grad.
  void finish();

 private:
  void arrived(size_t param, const torch::Tensor& grad);
  void launch_in_order();

  struct Bucket {
    std::vector<size_t> params;  // indices into params_
    torch::Tensor flat;          // the bucket's gradients, one after another
    size_t pending = 0;          // gradients still to come in this backward
    c10::intrusive_ptr<c10d::Work> work;
  };
  Group& group_;
  std::vector<torch::Tensor> params_;
  std::vector<size_t> bucket_of_, offset_of_;  // per parameter
  std::vector<bool> filled_;                   // per parameter, this backward
  std::vector<Bucket> buckets_;
  std::vector<unsigned> hooks_;
  size_t next_launch_ = 0;
  bool collecting_ = false;
};

}  // namespace wb
