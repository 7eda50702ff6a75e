// Reading and writing a model's state dict (parameters + buffers by name). Saves a pickled dict
// in torch.save's zip format (torch.load reads it); loads any torch.save of a state dict
// (torch_file.h), e.g. torchvision's own weight files.
#pragma once
#include <torch/torch.h>
#include <string>

namespace wb {
void save_state_dict(torch::nn::Module& module, const std::string& path);
// Returns a report: "missing <name>", "unexpected <name>", "mismatch <name> <file> <model>"
// lines, then "loaded <n>". With strict, any problem throws with the report's first lines.
std::string load_state_dict(torch::nn::Module& module, const std::string& path, bool strict);
}
