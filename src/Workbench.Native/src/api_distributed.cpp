// The data-parallel part of the C ABI (workbench.h, "distributed"): process groups, the model
// broadcast, the gathered predictions, and the all-reduced training step.
#include <torch/torch.h>

#include <cstring>

#include "augment.h"
#include "distributed.h"
#include "error.h"
#include "handles.h"
#include "workbench.h"

namespace wb {

void distributed_step(wb_trainer& trainer, const wb_images& images, const int64_t* indices,
                      const int64_t* labels, int32_t n, const float* class_weights, int32_t aug_flags,
                      float* loss, int32_t* correct) {
  // One sample alone cannot be batch-normalised; 0 is fine (the rank adds nothing to the sums).
  require(n == 0 || n >= 2, "a rank's share of a batch needs 0 or at least 2 images (batch norm), got " +
                                std::to_string(n));
  auto& model = *trainer.model;
  auto& group = *trainer.group;
  // As DDP with broadcast_buffers: every rank normalises its own shard (BatchNorm per rank), and
  // the running statistics are rank 0's, so all ranks hold the same model after every step.
  group.broadcast_buffers(*model.net, 0);
  model.net->train();
  trainer.optimizer->zero_grad();
  auto dev_options = torch::TensorOptions().dtype(torch::kDouble).device(model.device);
  auto totals = torch::zeros({3}, dev_options);  // weighted loss sum, weight sum, correct
  if (!trainer.reducer)
    trainer.reducer = std::make_unique<GradientReducer>(group, model.net->parameters(), 1 << 20, 25 << 20);  // DDP's caps
  trainer.reducer->begin();
  if (n > 0) {
    auto idx = index_tensor(&images, indices, n);
    auto y = step_labels(model, labels, n).to(model.device);
    auto weight = step_weights(model, class_weights);
    auto x = to_input(images.data.index_select(0, idx), model.device);
    x = model.layout(augment(x, aug_flags, trainer.generator));
    torch::Tensor logits;
    {
      PrecisionScope precision(model.precision, model.device);
      logits = model.net->forward(x).to(torch::kFloat);
    }
    auto per_sample = torch::nn::functional::cross_entropy(
        logits, y, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone));
    auto w = weight.defined() ? weight.index_select(0, y) : torch::ones_like(per_sample);
    // The sum, not the mean: divided below by the weight sum of the whole global batch, it is the
    // gradient of the weighted mean cross-entropy that one process computes on that batch.
    auto sum = (w * per_sample).sum();
    sum.backward();
    torch::NoGradGuard no_grad;
    totals[0] = sum.to(torch::kDouble);
    totals[1] = w.sum().to(torch::kDouble);
    totals[2] = (logits.argmax(1) == y).sum().to(torch::kDouble);
  }
  // Most buckets were all-reduced during backward; a rank with no images (or a layer outside this forward) still
  // takes part, with zeros.
  trainer.reducer->finish();
  group.allreduce_sum({totals}, 1 << 20);
  double weight_sum = totals[1].item<double>();
  require(weight_sum > 0, "the class weights of this global batch sum to 0");
  {
    torch::NoGradGuard no_grad;
    for (auto& p : model.net->parameters()) p.mutable_grad().div_(weight_sum);
  }
  trainer.optimizer->step();
  if (loss) *loss = static_cast<float>(totals[0].item<double>() / weight_sum);
  if (correct) *correct = static_cast<int32_t>(totals[2].item<double>());
}

}  // namespace wb

using wb::require;

extern "C" {

wb_dist* wb_dist_create(const char* backend, const char* master_addr, int32_t master_port,
                        int32_t world_size, int32_t rank, int64_t timeout_ms) {
  return wb::guarded_create<wb_dist>([&] {
    require(backend && master_addr, "null argument");
    wb::GroupOptions options{backend, master_addr, master_port, world_size, rank,
                             std::chrono::milliseconds(timeout_ms)};
    return new wb_dist{std::make_shared<wb::Group>(options)};
  });
}

void wb_dist_free(wb_dist* dist) { delete dist; }

int32_t wb_dist_rank(const wb_dist* dist) { return dist ? dist->group->rank() : -1; }

int32_t wb_dist_world_size(const wb_dist* dist) { return dist ? dist->group->world_size() : -1; }

int32_t wb_dist_barrier(wb_dist* dist) {
  return wb::guarded([&] {
    require(dist != nullptr, "null process group");
    dist->group->barrier();
  });
}

int32_t wb_dist_broadcast_model(wb_dist* dist, wb_model* model, int32_t root, int32_t buffers_only) {
  return wb::guarded([&] {
    require(dist && model, "null argument");
    model->state->weights_changed();
    require(root >= 0 && root < dist->group->world_size(), "root rank out of range");
    if (buffers_only)
      dist->group->broadcast_buffers(*model->state->net, root);
    else
      dist->group->broadcast_module(*model->state->net, root);
  });
}

int32_t wb_trainer_set_dist(wb_trainer* trainer, wb_dist* dist) {
  return wb::guarded([&] {
    require(trainer != nullptr, "null trainer");
    trainer->reducer.reset();  // its buckets belong to the old group
    trainer->group = dist ? dist->group : nullptr;
  });
}

int32_t wb_dist_gather_floats(wb_dist* dist, const float* local, int64_t rows, int32_t cols, float* out,
                              int64_t out_rows, int32_t root) {
  return wb::guarded([&] {
    require(dist != nullptr && (local || rows == 0), "null argument");
    require(rows >= 0 && cols >= 1, "rows must be >= 0 and cols >= 1");
    auto& group = *dist->group;
    require(root >= 0 && root < group.world_size(), "root rank out of range");
    auto mine = torch::from_blob(const_cast<float*>(local), {rows, cols}, torch::kFloat32).clone();
    auto all = group.gather_rows(mine, root);
    if (group.rank() != root) return;
    // Checked after the collective, so that a caller's mistake on root cannot strand the others.
    require(out != nullptr, "null output buffer on the root rank");
    require(all.size(0) == out_rows, "the ranks hold " + std::to_string(all.size(0)) + " rows in all but the root expected " +
                                         std::to_string(out_rows));
    std::memcpy(out, all.contiguous().data_ptr<float>(), sizeof(float) * all.numel());
  });
}

int32_t wb_dist_broadcast_int64(wb_dist* dist, int64_t* values, int64_t count, int32_t root) {
  return wb::guarded([&] {
    require(dist != nullptr && (values || count == 0), "null argument");
    require(count >= 0, "count must be >= 0");
    require(root >= 0 && root < dist->group->world_size(), "root rank out of range");
    if (count == 0) return;  // every rank has count 0 (the contract): nothing to exchange
    // A copy, not from_blob over the caller's buffer: broadcast() may replace a non-contiguous
    // view, and the result must land in values only once the collective has completed.
    auto tensor = torch::from_blob(values, {count}, torch::kInt64).clone();
    dist->group->broadcast_tensor(tensor, root);
    std::memcpy(values, tensor.data_ptr<int64_t>(), sizeof(int64_t) * count);
  });
}

}  // extern "C"
