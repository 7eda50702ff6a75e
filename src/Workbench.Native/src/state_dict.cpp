#include "state_dict.h"

#include <torch/serialize.h>

#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "torch_file.h"

namespace wb {
namespace {

std::map<std::string, torch::Tensor> named_state(torch::nn::Module& module) {
  std::map<std::string, torch::Tensor> state;
  for (auto& p : module.named_parameters(true)) state[p.key()] = p.value();
  for (auto& b : module.named_buffers(true)) state[b.key()] = b.value();
  return state;
}

std::string shape(const torch::Tensor& t) {
  std::ostringstream s;
  s << t.sizes();
  return s.str();
}

}  // namespace

void save_state_dict(torch::nn::Module& module, const std::string& path) {
  c10::Dict<std::string, torch::Tensor> dict;
  for (auto& [name, tensor] : named_state(module)) dict.insert(name, tensor.detach().cpu());
  auto bytes = torch::pickle_save(c10::IValue(dict));
  // Write beside the target and rename, so an interrupted save never leaves a broken file.
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write checkpoint '" + path + "'");
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("failed writing checkpoint '" + path + "'");
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0)
    throw std::runtime_error("cannot move checkpoint into place at '" + path + "'");
}

std::string load_state_dict(torch::nn::Module& module, const std::string& path, bool strict) {
  NamedTensors file;
  try {
    file = read_torch_state_dict(path);
  } catch (const std::exception& e) {
    throw std::runtime_error("cannot read '" + path + "' as a state dict: " + e.what() +
                             " (what loads: any torch.save of a state dict, zip or legacy format, " +
                             "e.g. torchvision's .pth files)");
  }
  auto model = named_state(module);
  std::ostringstream report;
  std::vector<std::pair<torch::Tensor, torch::Tensor>> copies;
  std::map<std::string, bool> seen;
  int problems = 0;
  for (const auto& [name, tensor] : file) {
    auto it = model.find(name);
    if (it == model.end()) {
      ++problems;
      report << "unexpected " << name << "\n";
      continue;
    }
    seen[name] = true;
    if (it->second.sizes() != tensor.sizes()) {
      ++problems;
      report << "mismatch " << name << " " << shape(tensor) << " " << shape(it->second) << "\n";
      continue;
    }
    copies.emplace_back(it->second, tensor);
  }
  for (const auto& [name, tensor] : model)
    if (!seen.count(name)) {
      ++problems;
      report << "missing " << name << "\n";
    }
  if (strict && problems > 0) {
    std::string lines = report.str().substr(0, 300);
    for (auto& ch : lines) if (ch == '\n') ch = ';';
    throw std::runtime_error("state dict '" + path + "' does not match the model (" +
                             std::to_string(problems) + " problems): " + lines);
  }
  torch::NoGradGuard no_grad;
  for (auto& [target, source] : copies) target.copy_(source.to(target.dtype()));
  report << "loaded " << copies.size();
  return report.str();
}

}  // namespace wb
