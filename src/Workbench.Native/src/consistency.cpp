// The C ABI of consistency training (workbench.h, "consistency training"): argument checks and
// the FixMatch step; the weak view is the trainer's augmentation, the strong one a pretraining view
// with a cut-out square.
#include <torch/torch.h>

#include "augment.h"
#include "error.h"
#include "handles.h"
#include "precision.h"
#include "views.h"
#include "workbench.h"

namespace {

using wb::require;

void check_options(const wb_consistency_options& o) {
  require(o.threshold > 0 && o.threshold <= 1, "threshold must be in (0, 1]");
  require(o.weight >= 0, "unlabelled weight must be >= 0");
  require(o.crop_min_scale > 0 && o.crop_min_scale <= 1, "crop_min_scale must be in (0, 1]");
  require(o.jitter >= 0 && o.jitter < 1, "jitter must be in [0, 1)");
  require(o.grey >= 0 && o.grey <= 1, "grey must be in [0, 1]");
  require(o.cutout >= 0 && o.cutout < 1, "cutout must be in [0, 1)");
  require((o.strong_flags & ~(WB_AUG_HFLIP | WB_AUG_VFLIP | WB_AUG_ROT90)) == 0,
          "strong views support only horizontal / vertical flips and quarter turns");
}

}  // namespace

extern "C" {

int32_t wb_trainer_consistency_step(wb_trainer* trainer, const wb_images* images,
                                    const int64_t* indices, const int64_t* labels, int32_t n,
                                    const int64_t* unlabelled, int32_t m,
                                    const float* class_weights,
                                    const wb_consistency_options* options, float* loss,
                                    float* unlabelled_loss, int32_t* correct,
                                    int64_t* pseudo_labels, float* confidences) {
  return wb::guarded([&] {
    require(trainer && images && options && indices && labels && unlabelled, "null argument");
    require(!trainer->group, "consistency training runs on one process: detach the group first");
    require(n >= 2, "a training batch needs at least 2 labelled images (batch norm), got " + std::to_string(n));
    require(m >= 1, "consistency training needs at least 1 unlabelled image, got " + std::to_string(m));
    check_options(*options);
    trainer->model->weights_changed();
    auto* model = trainer->model.get();
    auto& generator = trainer->generator;
    auto y = wb::step_labels(*model, labels, n).to(model->device);
    auto weight = wb::step_weights(*model, class_weights);
    auto labelled = images->data.index_select(0, wb::index_tensor(images, indices, n));
    auto pool = images->data.index_select(0, wb::index_tensor(images, unlabelled, m));
    auto weak_l = wb::augment(wb::to_input(labelled, model->device), options->aug_flags, generator);
    auto weak_u = wb::augment(wb::to_input(pool, model->device), options->aug_flags, generator);
    wb::ViewOptions strong{options->crop_min_scale, options->jitter, options->strong_flags, options->grey, options->cutout};
    auto strong_u = wb::contrastive_view(pool, strong, generator, model->device);
    auto x = model->layout(torch::cat({weak_l, weak_u, strong_u}, 0));

    model->net->train();
    for (auto& p : model->net->parameters()) p.mutable_grad().reset();
    torch::Tensor logits;
    {
      wb::PrecisionScope precision(model->precision, model->device);
      logits = model->net->forward(x).to(torch::kFloat);
    }
    auto logits_l = logits.slice(0, 0, n);
    auto logits_weak = logits.slice(0, n, n + m).detach();
    auto logits_strong = logits.slice(0, n + m, n + 2 * m);
    auto ce = torch::nn::functional::CrossEntropyFuncOptions();
    if (weight.defined()) ce.weight(weight);
    auto loss_l = torch::nn::functional::cross_entropy(logits_l, y, ce);
    auto [top, guess] = torch::softmax(logits_weak, 1).max(1);
    auto mask = (top >= options->threshold).to(torch::kFloat);
    auto per_image = torch::nn::functional::cross_entropy(
        logits_strong, guess, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone));
    auto loss_u = options->weight * (per_image * mask).mean();
    (loss_l + loss_u).backward();
    trainer->optimizer->step();
    if (loss) *loss = loss_l.item<float>();
    if (unlabelled_loss) *unlabelled_loss = loss_u.item<float>();
    if (correct) *correct = static_cast<int32_t>((logits_l.argmax(1) == y).sum().item<int64_t>());
    if (pseudo_labels) {
      auto g = guess.to(torch::kCPU, torch::kLong).contiguous();
      std::memcpy(pseudo_labels, g.data_ptr<int64_t>(), sizeof(int64_t) * m);
    }
    if (confidences) {
      auto c = top.to(torch::kCPU, torch::kFloat).contiguous();
      std::memcpy(confidences, c.data_ptr<float>(), sizeof(float) * m);
    }
  });
}

}  // extern "C"
