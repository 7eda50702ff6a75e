#include "models.h"

#include <stdexcept>

namespace wb {
namespace nn = torch::nn;

namespace {

nn::Conv2d conv(int64_t in, int64_t out, int64_t kernel, int64_t stride, int64_t padding) {
  return nn::Conv2d(nn::Conv2dOptions(in, out, kernel).stride(stride).padding(padding).bias(false));
}

// torchvision's initialisation, so a scratch model starts where PyTorch's would.
void init_like_torchvision(nn::Module& module) {
  torch::NoGradGuard no_grad;
  for (auto& m : module.modules(/*include_self=*/false)) {
    if (auto* c = m->as<nn::Conv2d>()) {
      nn::init::kaiming_normal_(c->weight, 0.0, torch::kFanOut, torch::kReLU);
    } else if (auto* b = m->as<nn::BatchNorm2d>()) {
      nn::init::ones_(b->weight);
      nn::init::zeros_(b->bias);
    }
  }
}

// torchvision.models.resnet.BasicBlock, with the same attribute names.
struct BasicBlockImpl : nn::Module {
  BasicBlockImpl(int64_t in, int64_t out, int64_t stride) {
    conv1 = register_module("conv1", conv(in, out, 3, stride, 1));
    bn1 = register_module("bn1", nn::BatchNorm2d(out));
    conv2 = register_module("conv2", conv(out, out, 3, 1, 1));
    bn2 = register_module("bn2", nn::BatchNorm2d(out));
    if (stride != 1 || in != out) {
      downsample = register_module("downsample", nn::Sequential(conv(in, out, 1, stride, 0),
                                                                nn::BatchNorm2d(out)));
    }
  }
  // In place where torchvision is (ReLU(inplace=True), out += identity): batch norm's and
  // addition's backward do not read their outputs, so overwriting them is safe, and it spares
  // an allocation and a pass over the activations per op (libtorch profiler, 64 px: the out-of-place
  // ReLU's backward took 1.7x the time of torchvision's in-place one).
  torch::Tensor forward(const torch::Tensor& x) {
    auto y = bn1(conv1(x)).relu_();
    y = bn2(conv2(y));
    auto identity = downsample ? downsample->forward(x) : x;
    return y.add_(identity).relu_();
  }
  // forward() with each conv-BN pair folded (x and the result in the plan's layout).
  torch::Tensor folded(const torch::Tensor& x, FoldedConvs& plan) {
    auto y = plan.conv_bn(*conv1, *bn1, x).relu_();
    y = plan.conv_bn(*conv2, *bn2, y);
    auto identity = downsample ? plan.conv_bn(*downsample->ptr(0)->as<nn::Conv2d>(),
                                              *downsample->ptr(1)->as<nn::BatchNorm2d>(), x)
                               : x;
    return y.add_(identity).relu_();
  }
  nn::Conv2d conv1{nullptr}, conv2{nullptr};
  nn::BatchNorm2d bn1{nullptr}, bn2{nullptr};
  nn::Sequential downsample{nullptr};
};
TORCH_MODULE(BasicBlock);

struct ResNet18 : ClassifierImpl {
  explicit ResNet18(int64_t num_classes) {
    conv1 = register_module("conv1", conv(3, 64, 7, 2, 3));
    bn1 = register_module("bn1", nn::BatchNorm2d(64));
    const int64_t widths[] = {64, 128, 256, 512};
    int64_t in = 64;
    for (int i = 0; i < 4; ++i) {
      int64_t stride = i == 0 ? 1 : 2;
      layers[i] = register_module("layer" + std::to_string(i + 1),
                                  nn::Sequential(BasicBlock(in, widths[i], stride),
                                                 BasicBlock(widths[i], widths[i], 1)));
      in = widths[i];
    }
    fc = register_module("fc", nn::Linear(512, num_classes));
    init_like_torchvision(*this);
  }
  torch::Tensor features(const torch::Tensor& x) override {
    auto y = bn1(conv1(x)).relu_();
    y = torch::max_pool2d(y, 3, 2, 1);
    for (auto& layer : layers) y = layer->forward(y);
    return torch::adaptive_avg_pool2d(y, {1, 1}).flatten(1);
  }
  torch::Tensor folded_features(const torch::Tensor& x, FoldedConvs& plan) override {
    auto y = plan.conv_bn(*conv1, *bn1, plan.enter(x)).relu_();
    y = torch::max_pool2d(y, 3, 2, 1);
    for (auto& layer : layers)
      for (size_t i = 0; i < layer->size(); ++i) y = layer->ptr(i)->as<BasicBlock>()->folded(y, plan);
    return FoldedConvs::pool(y);
  }
  int64_t embedding_dim() const override { return 512; }
  nn::Conv2d conv1{nullptr};
  nn::BatchNorm2d bn1{nullptr};
  nn::Sequential layers[4] = {nullptr, nullptr, nullptr, nullptr};
};

// Squeeze-and-excitation: reweights channels by a gate computed from their global average.
struct SqueezeExcitationImpl : nn::Module {
  SqueezeExcitationImpl(int64_t channels, int64_t reduction) {
    squeeze = register_module("squeeze", nn::Linear(channels, std::max<int64_t>(channels / reduction, 4)));
    excite = register_module("excite", nn::Linear(std::max<int64_t>(channels / reduction, 4), channels));
  }
  torch::Tensor forward(const torch::Tensor& x) {
    auto gate = torch::adaptive_avg_pool2d(x, {1, 1}).flatten(1);
    gate = torch::sigmoid(excite(torch::relu(squeeze(gate))));
    return x * gate.unsqueeze(2).unsqueeze(3);
  }
  nn::Linear squeeze{nullptr}, excite{nullptr};
};
TORCH_MODULE(SqueezeExcitation);

// Plain conv stack: stages of (conv-BN-ReLU) x convs_per_stage, optional SE block, max pool.
struct ConvStackNet : ClassifierImpl {
  ConvStackNet(const std::vector<int64_t>& widths, int convs_per_stage, bool squeeze_excite,
               double dropout, int64_t num_classes)
      : width_(widths.back()), dropout_(dropout) {
    int64_t in = 3;
    for (size_t s = 0; s < widths.size(); ++s) {
      nn::Sequential stage;
      for (int c = 0; c < convs_per_stage; ++c) {
        stage->push_back(nn::Conv2d(nn::Conv2dOptions(in, widths[s], 3).padding(1).bias(false)));
        stage->push_back(nn::BatchNorm2d(widths[s]));
        stage->push_back(nn::ReLU(nn::ReLUOptions().inplace(true)));  // on BN's output: see BasicBlock
        in = widths[s];
      }
      if (squeeze_excite) stage->push_back(SqueezeExcitation(widths[s], 8));
      stage->push_back(nn::MaxPool2d(nn::MaxPool2dOptions(2)));
      stages.push_back(register_module("stage" + std::to_string(s + 1), stage));
    }
    fc = register_module("fc", nn::Linear(width_, num_classes));
    init_like_torchvision(*this);
  }
  torch::Tensor features(const torch::Tensor& x) override {
    auto y = x;
    for (auto& stage : stages) y = stage->forward(y);
    y = torch::adaptive_avg_pool2d(y, {1, 1}).flatten(1);
    return dropout_ > 0 ? torch::dropout(y, dropout_, is_training()) : y;
  }
  // Stages are conv, BN, ReLU (x convs_per_stage), [SE], max pool: fold each conv-BN pair.
  // Dropout is the identity in eval mode.
  torch::Tensor folded_features(const torch::Tensor& x, FoldedConvs& plan) override {
    auto y = plan.enter(x);
    for (auto& stage : stages) {
      for (size_t i = 0; i < stage->size(); ++i) {
        auto module = stage->ptr(i);
        if (auto* c = module->as<nn::Conv2d>()) {
          auto* bn = i + 1 < stage->size() ? stage->ptr(i + 1)->as<nn::BatchNorm2d>() : nullptr;
          if (!bn) return {};
          y = plan.conv_bn(*c, *bn, y);
          ++i;
        } else if (module->as<nn::ReLU>()) {
          y = y.relu_();
        } else if (auto* pool = module->as<nn::MaxPool2d>()) {
          const auto& o = pool->options;
          y = torch::max_pool2d(y, o.kernel_size(), o.stride(), o.padding(), o.dilation(), o.ceil_mode());
        } else {
          return {};  // squeeze-excitation
        }
      }
    }
    return FoldedConvs::pool(y);
  }
  int64_t embedding_dim() const override { return width_; }
  double head_dropout() const override { return dropout_; }
  std::vector<nn::Sequential> stages;
  int64_t width_;
  double dropout_;
};

}  // namespace

std::shared_ptr<ClassifierImpl> make_classifier(const std::string& arch, int64_t num_classes) {
  if (num_classes < 2) throw std::invalid_argument("num_classes must be at least 2");
  if (arch == "resnet18") return std::make_shared<ResNet18>(num_classes);
  // The bone-marrow paper's classifier: 8 convolution layers with batch norm, max pooling
  // and squeeze-and-excitation blocks (4 stages of 2 convolutions).
  if (arch == "senet8")
    return std::make_shared<ConvStackNet>(std::vector<int64_t>{32, 64, 128, 256}, 2, true, 0.3,
                                          num_classes);
  if (arch == "smallcnn")
    return std::make_shared<ConvStackNet>(std::vector<int64_t>{32, 64, 128}, 1, false, 0.0,
                                          num_classes);
  // The quick profile's network: one block deeper than smallcnn, so that a 32-px input ends at
  // 2x2 before pooling and the embedding (256) is twice as wide; chosen by validation accuracy
  // (results/recipe.md).
  if (arch == "cnn4")
    return std::make_shared<ConvStackNet>(std::vector<int64_t>{32, 64, 128, 256}, 1, false, 0.0,
                                          num_classes);
  // cnn4 with dropout 0.5 on the embedding (Gal et al. 2017's rate before the last layer): the
  // network BALD's MC-dropout samples; its weights have cnn4's names and shapes.
  if (arch == "cnn4-dropout")
    return std::make_shared<ConvStackNet>(std::vector<int64_t>{32, 64, 128, 256}, 1, false, 0.5,
                                          num_classes);
  throw std::invalid_argument("unknown architecture '" + arch +
                              "' (expected resnet18, senet8, smallcnn, cnn4 or cnn4-dropout)");
}

}  // namespace wb
