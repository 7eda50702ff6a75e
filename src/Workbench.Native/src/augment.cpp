#include "augment.h"

#include <cmath>

#include "workbench.h"

namespace wb {

torch::Tensor augment(const torch::Tensor& batch, int32_t flags, at::Generator& generator) {
  if ((flags & (WB_AUG_ROTATE | WB_AUG_HFLIP | WB_AUG_VFLIP | WB_AUG_SHIFT | WB_AUG_ROT90)) == 0)
    return batch;
  const int64_t n = batch.size(0);
  auto cpu = torch::TensorOptions().dtype(torch::kFloat32);
  // Draw every random number on the CPU generator, whatever device trains, so that a seed
  // gives the same augmentations on CPU and GPU.
  auto uniform = [&](double lo, double hi) {
    return torch::rand({n}, generator, cpu) * (hi - lo) + lo;
  };
  auto coin = [&]() { return (torch::rand({n}, generator, cpu) < 0.5).to(torch::kFloat32) * -2 + 1; };

  auto angle = (flags & WB_AUG_ROTATE) ? uniform(0.0, 2.0 * M_PI) : torch::zeros({n}, cpu);
  // Quarter turns map the pixel grid onto itself: no interpolation blur and no corners to fill,
  // which matters on 32-px images where a free rotation smears the cell. Drawn only when asked,
  // so that runs without this flag keep their random streams (and seeded results).
  if (flags & WB_AUG_ROT90)
    angle = angle + torch::randint(0, 4, {n}, generator, cpu).to(torch::kFloat32) * (M_PI / 2);
  auto sx = (flags & WB_AUG_HFLIP) ? coin() : torch::ones({n}, cpu);
  auto sy = (flags & WB_AUG_VFLIP) ? coin() : torch::ones({n}, cpu);
  // Normalised coordinates span [-1, 1], so a 12.5% shift of the side is 0.25.
  auto tx = (flags & WB_AUG_SHIFT) ? uniform(-0.25, 0.25) : torch::zeros({n}, cpu);
  auto ty = (flags & WB_AUG_SHIFT) ? uniform(-0.25, 0.25) : torch::zeros({n}, cpu);

  // Rounding makes cos(pi/2) ~ 1e-8 rather than 0; snap so quarter turns sample pixel centres.
  auto snap = [](const torch::Tensor& t) { return torch::where(t.abs() < 1e-6, torch::zeros_like(t), t); };
  auto c = snap(torch::cos(angle)), s = snap(torch::sin(angle));
  auto theta = torch::stack({torch::stack({c * sx, -s * sy, tx}, 1),
                             torch::stack({s * sx, c * sy, ty}, 1)}, 1);  // [n, 2, 3]
  theta = theta.to(batch.device());
  auto grid = torch::nn::functional::affine_grid(theta, batch.sizes(), /*align_corners=*/false);
  // Reflection keeps the cell's surroundings plausible in the corners a rotation uncovers.
  return torch::nn::functional::grid_sample(
      batch, grid,
      torch::nn::functional::GridSampleFuncOptions().mode(torch::kBilinear)
          .padding_mode(torch::kReflection).align_corners(false));
}

}  // namespace wb
