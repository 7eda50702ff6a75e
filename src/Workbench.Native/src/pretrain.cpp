// The C ABI of contrastive pretraining (workbench.h, "contrastive pretraining"): argument
// checks, ownership, and the step; the pieces live in views / contrastive.
#include <torch/torch.h>

#include <ATen/CPUGeneratorImpl.h>

#include "contrastive.h"
#include "error.h"
#include "handles.h"
#include "views.h"
#include "workbench.h"

struct wb_pretrainer {
  std::shared_ptr<wb::ModelState> model;  // co-owner, as a trainer
  wb::ProjectionHead head;
  std::unique_ptr<torch::optim::SGD> optimizer;
  at::Generator generator;
  wb::ViewOptions views;
  double temperature;
};

namespace {

using wb::require;

void check_options(const wb_pretrain_options& o) {
  require(o.temperature > 0, "temperature must be > 0");
  require(o.lr > 0, "learning rate must be > 0");
  require(o.momentum >= 0 && o.momentum < 1, "momentum must be in [0, 1)");
  require(o.weight_decay >= 0, "weight decay must be >= 0");
  require(o.crop_min_scale > 0 && o.crop_min_scale <= 1, "crop_min_scale must be in (0, 1]");
  require(o.jitter >= 0 && o.jitter < 1, "jitter must be in [0, 1)");
  require(o.projection_dim >= 1, "projection_dim must be >= 1");
  require((o.aug_flags & ~(WB_AUG_HFLIP | WB_AUG_VFLIP | WB_AUG_ROT90)) == 0,
          "views support only horizontal / vertical flips and quarter turns");
}

}  // namespace

extern "C" {

wb_pretrainer* wb_pretrainer_create(wb_model* model, const wb_pretrain_options* options) {
  return wb::guarded_create<wb_pretrainer>([&] {
    require(model && options, "null argument");
    check_options(*options);
    auto& state = model->state;
    // The head is initialised from libtorch's global generator: seed it under the creation lock.
    wb::ProjectionHead head{nullptr};
    {
      std::lock_guard<std::mutex> lock(wb::creation_mutex());
      torch::manual_seed(static_cast<uint64_t>(options->seed));
      head = wb::ProjectionHead(state->net->embedding_dim(), options->projection_dim);
    }
    head->to(state->device);
    // The backbone and the head learn; the classifier head fc sees no gradient here and is left
    // out so weight decay does not shrink it either.
    std::vector<torch::Tensor> parameters;
    for (auto& p : state->net->named_parameters(true))
      if (p.key().rfind("fc.", 0) != 0) parameters.push_back(p.value());
    for (auto& p : head->parameters()) parameters.push_back(p);
    auto sgd = torch::optim::SGDOptions(options->lr).momentum(options->momentum)
                   .weight_decay(options->weight_decay);
    return new wb_pretrainer{
        state, head, std::make_unique<torch::optim::SGD>(parameters, sgd),
        at::make_generator<at::CPUGeneratorImpl>(static_cast<uint64_t>(options->seed)),
        wb::ViewOptions{options->crop_min_scale, options->jitter, options->aug_flags},
        options->temperature};
  });
}

void wb_pretrainer_free(wb_pretrainer* pretrainer) { delete pretrainer; }

int32_t wb_pretrainer_set_lr(wb_pretrainer* pretrainer, double lr) {
  return wb::guarded([&] {
    require(pretrainer != nullptr, "null pretrainer");
    require(lr > 0, "learning rate must be > 0");
    for (auto& group : pretrainer->optimizer->param_groups())
      static_cast<torch::optim::SGDOptions&>(group.options()).lr(lr);
  });
}

int32_t wb_pretrainer_step(wb_pretrainer* pretrainer, const wb_images* images,
                           const int64_t* indices, int32_t n, float* loss,
                           float* pair_accuracy) {
  return wb::guarded([&] {
    require(pretrainer && images && indices, "null argument");
    require(n >= 2, "a contrastive batch needs at least 2 images, got " + std::to_string(n));
    auto& p = *pretrainer;
    auto& model = *p.model;
    model.weights_changed();
    auto batch = images->data.index_select(0, wb::index_tensor(images, indices, n));
    auto first = wb::contrastive_view(batch, p.views, p.generator, model.device);
    auto second = wb::contrastive_view(batch, p.views, p.generator, model.device);
    // Both views in one forward pass: batch norm then normalises over all 2n views.
    auto x = model.layout(torch::cat({first, second}, 0));
    model.net->train();
    p.head->train();
    p.optimizer->zero_grad();
    torch::Tensor z;
    {
      wb::PrecisionScope precision(model.precision, model.device);
      z = p.head->forward(model.net->features(x)).to(torch::kFloat);
    }
    auto l = wb::nt_xent(z.slice(0, 0, n), z.slice(0, n, 2 * n), p.temperature);
    l.backward();
    p.optimizer->step();
    if (loss) *loss = l.item<float>();
    if (pair_accuracy) {
      torch::NoGradGuard no_grad;
      auto zn = torch::nn::functional::normalize(
          z.detach(), torch::nn::functional::NormalizeFuncOptions().dim(1));
      auto similarity = torch::mm(zn, zn.t()).fill_diagonal_(-2.0);
      auto partner = torch::cat({torch::arange(n, 2 * n), torch::arange(0, n)}).to(z.device());
      *pair_accuracy = (similarity.argmax(1) == partner).to(torch::kFloat32).mean().item<float>();
    }
  });
}

int32_t wb_nt_xent(const float* z1, const float* z2, int64_t n, int32_t dim, double temperature,
                   float* loss) {
  return wb::guarded([&] {
    require(z1 && z2 && loss, "null argument");
    require(n >= 2 && dim >= 1, "NT-Xent needs n >= 2 pairs of dim >= 1");
    require(temperature > 0, "temperature must be > 0");
    auto a = torch::from_blob(const_cast<float*>(z1), {n, dim}).clone();
    auto b = torch::from_blob(const_cast<float*>(z2), {n, dim}).clone();
    c10::InferenceMode inference;
    *loss = wb::nt_xent(a, b, temperature).item<float>();
  });
}

}  // extern "C"
