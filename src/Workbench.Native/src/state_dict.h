// Reading and writing a model's state dict (parameters + buffers by name) as a pickled dict,
// the format torch.save(dict(model.state_dict()), path) produces and torch.load reads.
#pragma once
#include <torch/torch.h>
#include <string>

namespace wb {
void save_state_dict(torch::nn::Module& module, const std::string& path);
// Returns a report: "missing <name>", "unexpected <name>", "mismatch <name> <file> <model>"
// lines, then "loaded <n>". With strict, any problem throws with the report's first lines.
std::string load_state_dict(torch::nn::Module& module, const std::string& path, bool strict);
}
