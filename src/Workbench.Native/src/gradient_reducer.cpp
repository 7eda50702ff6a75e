#include "gradient_reducer.h"

namespace wb {

GradientReducer::GradientReducer(Group& group, std::vector<torch::Tensor> params, int64_t first_bucket_bytes,
                                 int64_t bucket_bytes)
    : group_(group), params_(std::move(params)) {
  const size_t n = params_.size();
  bucket_of_.resize(n);
  offset_of_.resize(n);
  filled_.assign(n, false);
  int64_t bytes = 0, elements = 0;
  for (size_t k = 0; k < n; k++) {
    const size_t i = n - 1 - k;  // backward meets the last layers first
    const auto& p = params_[i];
    const int64_t size = p.numel() * p.element_size();
    const int64_t cap = buckets_.size() == 1 ? first_bucket_bytes : bucket_bytes;
    if (buckets_.empty() || bytes + size > cap ||
        params_[buckets_.back().params.front()].dtype() != p.dtype()) {
      if (!buckets_.empty())
        buckets_.back().flat = torch::zeros({elements}, params_[buckets_.back().params.front()].options());
      buckets_.emplace_back();
      bytes = 0;
      elements = 0;
    }
    bucket_of_[i] = buckets_.size() - 1;
    offset_of_[i] = static_cast<size_t>(elements);
    buckets_.back().params.push_back(i);
    bytes += size;
    elements += p.numel();
  }
  if (!buckets_.empty())
    buckets_.back().flat = torch::zeros({elements}, params_[buckets_.back().params.front()].options());
  for (size_t i = 0; i < n; i++)
    hooks_.push_back(params_[i].register_hook([this, i](const torch::Tensor& grad) { arrived(i, grad); }));
}

GradientReducer::~GradientReducer() {
  for (size_t i = 0; i < hooks_.size(); i++) params_[i].remove_hook(hooks_[i]);
}

void GradientReducer::begin() {
  for (auto& b : buckets_) {
    b.pending = b.params.size();
    b.work.reset();
  }
  filled_.assign(params_.size(), false);
  next_launch_ = 0;
  collecting_ = true;
}

void GradientReducer::arrived(size_t i, const torch::Tensor& grad) {
  if (!collecting_) return;  // a backward outside a data-parallel step (the hooks stay registered)
  torch::NoGradGuard no_grad;
  auto& bucket = buckets_[bucket_of_[i]];
  auto slice = bucket.flat.slice(0, offset_of_[i], offset_of_[i] + params_[i].numel());
  // reshape follows the logical order whatever the gradient's memory format (channels_last convolutions).
  if (filled_[i]) {
    slice.add_(grad.reshape({-1}));
    return;
  }
  slice.copy_(grad.reshape({-1}));
  filled_[i] = true;
  if (--bucket.pending == 0) launch_in_order();
}

void GradientReducer::launch_in_order() {
  while (next_launch_ < buckets_.size() && buckets_[next_launch_].pending == 0) {
    std::vector<torch::Tensor> one{buckets_[next_launch_].flat};
    buckets_[next_launch_].work = group_.allreduce_async(one);
    next_launch_++;
  }
}

void GradientReducer::finish() {
  torch::NoGradGuard no_grad;
  for (auto& b : buckets_) {
    if (b.pending == 0) continue;
    for (size_t i : b.params) {
      if (!filled_[i]) b.flat.slice(0, offset_of_[i], offset_of_[i] + params_[i].numel()).zero_();
    }
    b.pending = 0;
  }
  launch_in_order();
  collecting_ = false;
  for (auto& b : buckets_) {
    group_.wait("all-reduce of gradients", b.work);
    for (size_t i : b.params) {
      auto& p = params_[i];
      auto summed = b.flat.slice(0, offset_of_[i], offset_of_[i] + p.numel()).view(p.sizes());
      if (p.grad().defined())
        p.mutable_grad().copy_(summed);
      else
        p.mutable_grad() = summed.clone().contiguous(p.suggest_memory_format());
    }
  }
}

}  // namespace wb
