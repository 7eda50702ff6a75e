// Eval-time plan of a model on CPU: what PyTorch eager does not do, and torch.jit.freeze +
// optimize_for_inference does. Every conv-BatchNorm pair becomes one conv whose weights have the
// BN's running statistics folded in, held as oneDNN tensors already reordered into oneDNN's
// blocked layout, and the activations stay in that layout from the stem to the pooling. This
// saves the BN passes over the activations, the per-call weight reorders and the layout
// conversions between ops (measured on 2 cores: see bench/results.md).
//
// The plan is a copy of the weights, so it is only valid for the weights it was folded from:
// ModelState drops it whenever they may have changed (see handles.h).
#pragma once
#include <torch/torch.h>

#include <unordered_map>
#include <vector>

namespace wb {

class FoldedConvs {
 public:
  // bf16: the folded weights and the activations are bfloat16 oneDNN tensors (the bias and the
  // pooled embedding stay float32), as autocast would run the convolutions.
  explicit FoldedConvs(bool bf16 = false) : bf16_(bf16) {}
  // conv then bn (eval mode: running statistics) as one oneDNN convolution of a oneDNN tensor.
  // Folds and packs the pair the first time it is asked for it.
  torch::Tensor conv_bn(const torch::nn::Conv2dImpl& conv, const torch::nn::BatchNorm2dImpl& bn,
                        const torch::Tensor& x);
  // Dense float NCHW -> the plan's layout, and the plan's layout -> global-average-pooled
  // dense [n, channels] (the embedding).
  torch::Tensor enter(const torch::Tensor& dense) const;
  static torch::Tensor pool(const torch::Tensor& y);

 private:
  struct Packed {
    torch::Tensor weight, bias;
    std::vector<int64_t> padding, stride, dilation;
    int64_t groups = 1;
  };
  std::unordered_map<const void*, Packed> packed_;
  bool bf16_;
};

// A cheap summary of the identity and in-place version of every parameter and buffer: it
// changes when any of them is replaced or written in place (optimizer steps, copy_, loads).
uint64_t weights_fingerprint(torch::nn::Module& net);

}  // namespace wb
