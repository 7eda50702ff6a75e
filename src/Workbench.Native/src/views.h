// The random views of contrastive pretraining (SimCLR's augmentation pipeline, sized for small
// cell images): random resized crop, flips, quarter turns, colour jitter, random grey; also the
// strong view of consistency training, which adds a cut-out square.
#pragma once
#include <torch/torch.h>

namespace wb {

struct ViewOptions {
  double crop_min_scale;  // crop area as a fraction of the image, drawn in [crop_min_scale, 1]
  double jitter;          // brightness / contrast / saturation factors in [1 - jitter, 1 + jitter]
  int32_t aug_flags;      // WB_AUG_HFLIP | WB_AUG_VFLIP | WB_AUG_ROT90 (workbench.h)
  double grey = 0.2;      // share of the jittered pipeline's views turned grey (only when jitter > 0)
  double cutout = 0;      // side of a grey square cut out of each view, as a fraction of the image (0 = none)
};

// One random view of every image of a uint8 NHWC batch, as the normalised float NCHW input the
// model trains on (the same normalisation as to_input). Every random number is drawn on the
// caller's CPU generator, so a seed gives the same views on any device.
torch::Tensor contrastive_view(const torch::Tensor& batch_u8, const ViewOptions& options,
                               at::Generator& generator, const torch::Device& device);

}  // namespace wb
