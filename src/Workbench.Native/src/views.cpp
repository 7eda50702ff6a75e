#include "views.h"

#include <cmath>

#include "handles.h"
#include "workbench.h"

namespace wb {
namespace {

torch::Tensor grey(const torch::Tensor& x) {  // ITU-R 601 luma, [n, 1, h, w]
  return x.select(1, 0).unsqueeze(1) * 0.299 + x.select(1, 1).unsqueeze(1) * 0.587 +
         x.select(1, 2).unsqueeze(1) * 0.114;
}

}  // namespace

torch::Tensor contrastive_view(const torch::Tensor& batch_u8, const ViewOptions& options,
                               at::Generator& generator, const torch::Device& device) {
  const int64_t n = batch_u8.size(0);
  auto cpu = torch::TensorOptions().dtype(torch::kFloat32);
  auto uniform = [&](double lo, double hi) {
    return torch::rand({n}, generator, cpu) * (hi - lo) + lo;
  };
  auto coin = [&](double p) { return (torch::rand({n}, generator, cpu) < p).to(torch::kFloat32); };
  auto sign = [&]() { return coin(0.5) * -2 + 1; };

  // Random resized crop (torchvision's RandomResizedCrop: area fraction and log-uniform aspect
  // ratio 3/4..4/3), in normalised coordinates where the image spans [-1, 1]: a crop of relative
  // width w centred at cx maps output x in [-1, 1] to input w * x + cx.
  auto area = uniform(options.crop_min_scale, 1.0);
  auto ratio = torch::exp(uniform(std::log(3.0 / 4.0), std::log(4.0 / 3.0)));
  auto w = torch::sqrt(area * ratio).clamp_max(1.0), h = torch::sqrt(area / ratio).clamp_max(1.0);
  auto cx = uniform(-1.0, 1.0) * (1 - w), cy = uniform(-1.0, 1.0) * (1 - h);
  // Quarter turns and flips are exact symmetries of a cell image (no preferred orientation).
  auto turns = (options.aug_flags & WB_AUG_ROT90) ? torch::randint(0, 4, {n}, generator, cpu)
                                                  : torch::zeros({n}, cpu);
  auto sx = (options.aug_flags & WB_AUG_HFLIP) ? sign() : torch::ones({n}, cpu);
  auto sy = (options.aug_flags & WB_AUG_VFLIP) ? sign() : torch::ones({n}, cpu);
  // cos/sin of a quarter turn exactly (0, +-1), so the grid hits pixel centres.
  auto c = torch::where(turns == 0, 1.0f, torch::where(turns == 2, -1.0f, 0.0f));
  auto s = torch::where(turns == 1, 1.0f, torch::where(turns == 3, -1.0f, 0.0f));
  auto theta = torch::stack({torch::stack({w * c * sx, -w * s * sy, cx}, 1),
                             torch::stack({h * s * sx, h * c * sy, cy}, 1)}, 1);  // [n, 2, 3]

  // Colour jitter (applied to 80% of the views, as SimCLR) and grey (20%): stain and
  // illumination vary between smears, so the embedding should not hinge on them.
  const double j = options.jitter;
  auto jittered = coin(j > 0 ? 0.8 : 0.0);
  auto factor = [&]() { return (uniform(1 - j, 1 + j) - 1) * jittered + 1; };
  auto brightness = factor(), contrast = factor(), saturation = factor();
  auto greyed = coin(j > 0 ? options.grey : 0.0);

  auto x = batch_u8.to(device, /*non_blocking=*/true).permute({0, 3, 1, 2}).to(torch::kFloat32) / 255.0;
  auto grid = torch::nn::functional::affine_grid(theta.to(device), x.sizes(), /*align_corners=*/false);
  x = torch::nn::functional::grid_sample(
      x, grid, torch::nn::functional::GridSampleFuncOptions().mode(torch::kBilinear)
                   .padding_mode(torch::kBorder).align_corners(false));
  if (j > 0) {
    auto per_image = [&](const torch::Tensor& t) { return t.to(device).view({n, 1, 1, 1}); };
    x = (x * per_image(brightness)).clamp(0, 1);
    auto mean = grey(x).mean({1, 2, 3}, /*keepdim=*/true);
    x = ((x - mean) * per_image(contrast) + mean).clamp(0, 1);
    auto g = grey(x);
    x = ((x - g) * per_image(saturation) + g).clamp(0, 1);
    auto gm = per_image(greyed);
    x = x * (1 - gm) + grey(x).expand_as(x) * gm;
  }
  if (options.cutout > 0) {
    // Cutout (DeVries & Taylor 2017, FixMatch's strong view): a square of mid grey centred anywhere,
    // clipped at the border, so the class must be read from what is left of the cell. Drawn after
    // the other numbers, so views without it repeat the earlier draws exactly.
    const int64_t height = x.size(2), width = x.size(3);
    auto centre_y = torch::rand({n}, generator, cpu) * height, centre_x = torch::rand({n}, generator, cpu) * width;
    const double half = options.cutout * std::min(height, width) / 2.0;
    auto rows = torch::arange(height, cpu).view({1, height, 1}) + 0.5;
    auto cols = torch::arange(width, cpu).view({1, 1, width}) + 0.5;
    auto inside = ((rows - centre_y.view({n, 1, 1})).abs() < half) & ((cols - centre_x.view({n, 1, 1})).abs() < half);
    x = torch::where(inside.unsqueeze(1).to(device), torch::full({}, 0.5, x.options()), x);
  }
  return normalise(x * 255.0);
}

}  // namespace wb
