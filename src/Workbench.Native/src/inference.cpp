#include "inference.h"

#include <ATen/ops/mkldnn_convolution.h>
#include <ATen/ops/mkldnn_reorder_conv2d_weight.h>

namespace wb {

namespace {
std::vector<int64_t> pair(const torch::ExpandingArray<2>& a) { return {(*a)[0], (*a)[1]}; }
}  // namespace

torch::Tensor FoldedConvs::conv_bn(const torch::nn::Conv2dImpl& conv,
                                   const torch::nn::BatchNorm2dImpl& bn, const torch::Tensor& x) {
  auto found = packed_.find(&conv);
  if (found == packed_.end()) {
    const auto& o = conv.options;
    Packed p;
    // Only explicit integer padding is folded; the models here use nothing else.
    auto* padding = c10::get_if<torch::ExpandingArray<2>>(&o.padding());
    TORCH_CHECK(padding != nullptr, "folded inference needs explicit conv padding");
    p.padding = pair(*padding);
    p.stride = pair(o.stride());
    p.dilation = pair(o.dilation());
    p.groups = o.groups();
    // BN(conv(x)) = gamma * (conv(x) - mean) / sqrt(var + eps) + beta
    //             = conv_{w * s}(x) + (beta - mean * s) with s = gamma / sqrt(var + eps).
    auto scale = bn.weight / torch::sqrt(bn.running_var + bn.options.eps());
    auto bias = bn.bias - bn.running_mean * scale;
    if (conv.bias.defined()) bias = bias + conv.bias * scale;
    auto weight = (conv.weight * scale.view({-1, 1, 1, 1})).contiguous();
    if (bf16_) weight = weight.to(torch::kBFloat16);
    p.weight = at::mkldnn_reorder_conv2d_weight(weight.to_mkldnn(), p.padding, p.stride,
                                                p.dilation, p.groups);
    p.bias = bias.contiguous();
    found = packed_.emplace(&conv, std::move(p)).first;
  }
  const auto& p = found->second;
  return at::mkldnn_convolution(x, p.weight, p.bias, p.padding, p.stride, p.dilation, p.groups);
}

torch::Tensor FoldedConvs::enter(const torch::Tensor& dense) const {
  return (bf16_ ? dense.to(torch::kBFloat16) : dense).contiguous().to_mkldnn();
}

torch::Tensor FoldedConvs::pool(const torch::Tensor& y) {
  return torch::adaptive_avg_pool2d(y, {1, 1}).to_dense().to(torch::kFloat).flatten(1);
}

uint64_t weights_fingerprint(torch::nn::Module& net) {
  uint64_t hash = 1469598103934665603ull;  // FNV-1a over (address, version) pairs
  auto mix = [&](uint64_t v) { hash = (hash ^ v) * 1099511628211ull; };
  auto add = [&](const torch::Tensor& t) {
    mix(reinterpret_cast<uintptr_t>(t.data_ptr()));
    mix(static_cast<uint64_t>(t._version()));
  };
  for (const auto& p : net.parameters()) add(p);
  for (const auto& b : net.buffers()) add(b);
  return hash;
}

}  // namespace wb
