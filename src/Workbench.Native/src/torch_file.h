// Reads what PyTorch's torch.save wrote for a state dict, without Python: the zip format
// (default since PyTorch 1.6: <archive>/data.pkl plus one record per storage) and the legacy
// format (magic number, protocol, sys info, the pickle, then the raw storages). Both torchvision's
// own files (an OrderedDict) and torch.save(dict(...)) files load.
#pragma once
#include <torch/torch.h>

#include <string>
#include <utility>
#include <vector>

namespace wb {

using NamedTensors = std::vector<std::pair<std::string, torch::Tensor>>;

// The file's name -> tensor entries in file order, on the CPU. Throws std::runtime_error saying
// what is wrong (truncated file, unknown global, non-tensor value...) without naming the path.
NamedTensors read_torch_state_dict(const std::string& path);

}  // namespace wb
