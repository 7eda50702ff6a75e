#include "distributed.h"

#include <algorithm>

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef USE_C10D_GLOO
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#endif
#ifdef USE_C10D_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <thread>

namespace wb {
namespace {

const std::string kPrefix = "workbench/";

std::string seconds(std::chrono::milliseconds t) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f s", t.count() / 1000.0);
  return text;
}

std::vector<uint8_t> to_bytes(int64_t v) {
  auto s = std::to_string(v);
  return {s.begin(), s.end()};
}

int64_t from_bytes(const std::vector<uint8_t>& b) { return std::stoll(std::string(b.begin(), b.end())); }

// The first line of a c10d / Gloo message: they append source locations and backtraces.
std::string first_line(const std::exception& e) {
  std::string m = e.what();
  if (auto* c = dynamic_cast<const c10::Error*>(&e)) m = c->what_without_backtrace();
  auto end = m.find('\n');
  return end == std::string::npos ? m : m.substr(0, end);
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host.rfind("127.", 0) == 0 || host == "::1";
}

c10::intrusive_ptr<c10d::Store> connect_store(const GroupOptions& o) {
  c10d::TCPStoreOptions so;
  so.port = static_cast<std::uint16_t>(o.port);
  so.isServer = o.rank == 0;
  so.waitWorkers = false;  // our own join check below says which rank is missing and why
  so.timeout = o.timeout;
  try {
    return c10::make_intrusive<c10d::TCPStore>(o.master_addr, so);
  } catch (const std::exception& e) {
    if (o.rank == 0)
      throw std::runtime_error("rank 0 cannot serve the rendezvous on " + o.master_addr + ":" +
                               std::to_string(o.port) + " (MASTER_ADDR/MASTER_PORT; is the port in use?): " +
                               first_line(e));
    throw std::runtime_error("rank " + std::to_string(o.rank) + " cannot reach the master at " + o.master_addr +
                             ":" + std::to_string(o.port) + " within " + seconds(o.timeout) +
                             ": check MASTER_ADDR/MASTER_PORT and that rank 0 is running (" + first_line(e) + ")");
  }
}

// Every rank checks its WORLD_SIZE against rank 0's, claims its RANK once, and waits until all
// ranks have joined -- so a wrong world size or a duplicate or missing rank is a sentence, not a
// hang inside Gloo's full-mesh connect.
void join(c10d::Store& store, const GroupOptions& o) {
  const std::string me = "rank " + std::to_string(o.rank);
  if (o.rank == 0) store.set(kPrefix + "world_size", to_bytes(o.world_size));
  int64_t theirs = from_bytes(store.get(kPrefix + "world_size"));
  if (theirs != o.world_size)
    throw std::runtime_error(me + " was started with WORLD_SIZE=" + std::to_string(o.world_size) + " but rank 0 with " +
                             std::to_string(theirs) + ": every rank needs the same WORLD_SIZE");
  if (store.add(kPrefix + "rank/" + std::to_string(o.rank), 1) != 1)
    throw std::runtime_error(me + " joined twice: every process needs its own RANK in 0.." +
                             std::to_string(o.world_size - 1));
  store.add(kPrefix + "joined", 1);
  const auto deadline = std::chrono::steady_clock::now() + o.timeout;
  for (;;) {
    int64_t joined = store.add(kPrefix + "joined", 0);
    if (joined == o.world_size) return;
    if (std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error(me + ": only " + std::to_string(joined) + " of WORLD_SIZE=" +
                               std::to_string(o.world_size) + " ranks joined within " + seconds(o.timeout) +
                               ": check WORLD_SIZE and that every rank was started");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

#ifdef USE_C10D_GLOO
// The Gloo transport binds an address of this machine: GLOO_SOCKET_IFNAME as in PyTorch, the
// loopback when the master is local, else the address the host name resolves to.
std::shared_ptr<::gloo::transport::Device> gloo_device(const GroupOptions& o) {
  if (const char* ifname = std::getenv("GLOO_SOCKET_IFNAME"); ifname && *ifname)
    return c10d::ProcessGroupGloo::createDeviceForInterface(ifname);
  if (is_loopback(o.master_addr)) return c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1");
  return c10d::ProcessGroupGloo::createDefaultDevice();
}
#endif

c10::intrusive_ptr<c10d::ProcessGroup> make_group(const c10::intrusive_ptr<c10d::Store>& store,
                                                  const GroupOptions& o) {
  auto prefixed = c10::make_intrusive<c10d::PrefixStore>(kPrefix + o.backend, store);
  if (o.backend == "gloo") {
#ifdef USE_C10D_GLOO
    auto options = c10d::ProcessGroupGloo::Options::create(o.timeout);
    options->devices.push_back(gloo_device(o));
    options->threads = 1;  // one collective at a time: the training loop waits for each
    return c10::make_intrusive<c10d::ProcessGroupGloo>(prefixed, o.rank, o.world_size, options);
#else
    throw std::runtime_error("this engine was built without Gloo (WB_WITH_GLOO=OFF)");
#endif
  }
  if (o.backend == "nccl") {
#ifdef USE_C10D_NCCL
    auto options = c10d::ProcessGroupNCCL::Options::create();
    options->timeout = o.timeout;
    return c10::make_intrusive<c10d::ProcessGroupNCCL>(prefixed, o.rank, o.world_size, options);
#else
    throw std::runtime_error("this engine was built without NCCL: rebuild against a CUDA libtorch with -DWB_WITH_NCCL=ON");
#endif
  }
  throw std::invalid_argument("unknown distributed backend '" + o.backend + "' (gloo or nccl)");
}

}  // namespace

Group::Group(const GroupOptions& options) : options_(options) {
  if (options_.world_size < 1) throw std::invalid_argument("WORLD_SIZE must be >= 1");
  if (options_.rank < 0 || options_.rank >= options_.world_size)
    throw std::invalid_argument("RANK=" + std::to_string(options_.rank) + " is outside 0..WORLD_SIZE-1 = 0.." +
                                std::to_string(options_.world_size - 1));
  if (options_.port < 1 || options_.port > 65535)
    throw std::invalid_argument("MASTER_PORT=" + std::to_string(options_.port) + " is not a TCP port");
  if (options_.timeout.count() < 1) throw std::invalid_argument("the distributed timeout must be >= 1 ms");
  store_ = connect_store(options_);
  try {
    join(*store_, options_);
    pg_ = make_group(store_, options_);
  } catch (const std::runtime_error&) {
    throw;
  } catch (const std::exception& e) {
    throw std::runtime_error("rank " + std::to_string(options_.rank) + ": rendezvous failed within " +
                             seconds(options_.timeout) + ": " + first_line(e));
  }
}

Group::~Group() = default;

void Group::wait(const char* what, const c10::intrusive_ptr<c10d::Work>& work) {
  try {
    work->wait();
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("distributed ") + what + " failed on rank " + std::to_string(rank()) +
                             " of " + std::to_string(world_size()) +
                             " (another rank stopped, or a collective took longer than the timeout of " +
                             seconds(options_.timeout) + "): " + first_line(e));
  }
}

void Group::broadcast(std::vector<torch::Tensor> tensors, int root, const char* what) {
  torch::NoGradGuard no_grad;
  // One collective per dtype, over the tensors flattened into one buffer: a model's buffers are
  // dozens of small tensors (ResNet-18: 60 batch-norm statistics), and one Gloo round trip each
  // cost more per step than the broadcast's bytes.
  std::vector<std::vector<torch::Tensor>> groups;
  for (auto& t : tensors) {
    auto same = std::find_if(groups.begin(), groups.end(),
                             [&](const std::vector<torch::Tensor>& g) { return g.front().dtype() == t.dtype(); });
    if (same == groups.end()) groups.push_back({t});
    else same->push_back(t);
  }
  for (auto& group : groups) {
    std::vector<torch::Tensor> parts;
    for (auto& t : group) parts.push_back(t.contiguous().reshape({-1}));
    std::vector<torch::Tensor> one{torch::cat(parts)};
    c10d::BroadcastOptions opts;
    opts.rootRank = root;
    wait(what, pg_->broadcast(one, opts));
    int64_t offset = 0;
    for (auto& t : group) {
      t.copy_(one[0].slice(0, offset, offset + t.numel()).view(t.sizes()));
      offset += t.numel();
    }
  }
}

void Group::broadcast_module(torch::nn::Module& module, int root) {
  auto tensors = module.parameters(true);
  for (auto& b : module.buffers(true)) tensors.push_back(b);
  broadcast(tensors, root, "broadcast of the model");
}

void Group::broadcast_buffers(torch::nn::Module& module, int root) {
  broadcast(module.buffers(true), root, "broadcast of batch-norm statistics");
}

void Group::allreduce_sum(const std::vector<torch::Tensor>& tensors, int64_t bucket_bytes) {
  torch::NoGradGuard no_grad;
  // Buckets of consecutive tensors of one dtype, each flattened into one buffer; all buckets
  // are issued before the first wait, so Gloo works on one while the next is being packed.
  std::vector<std::vector<torch::Tensor>> buckets;
  int64_t bytes = 0;
  for (auto& t : tensors) {
    int64_t size = t.numel() * t.element_size();
    if (buckets.empty() || bytes + size > bucket_bytes || buckets.back().front().dtype() != t.dtype()) {
      buckets.emplace_back();
      bytes = 0;
    }
    buckets.back().push_back(t);
    bytes += size;
  }
  std::vector<torch::Tensor> flats;
  std::vector<c10::intrusive_ptr<c10d::Work>> works;
  for (auto& bucket : buckets) {
    std::vector<torch::Tensor> parts;
    for (auto& t : bucket) parts.push_back(t.reshape({-1}));
    std::vector<torch::Tensor> one{torch::cat(parts)};
    flats.push_back(one[0]);
    works.push_back(pg_->allreduce(one));
  }
  for (size_t b = 0; b < buckets.size(); b++) {
    wait("all-reduce of gradients", works[b]);
    int64_t offset = 0;
    for (auto& t : buckets[b]) {
      t.copy_(flats[b].slice(0, offset, offset + t.numel()).view(t.sizes()));
      offset += t.numel();
    }
  }
}

c10::intrusive_ptr<c10d::Work> Group::allreduce_async(std::vector<torch::Tensor>& tensors) {
  return pg_->allreduce(tensors);
}

torch::Device Group::transport() const {
  return options_.backend == "nccl" ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
}

torch::Tensor Group::gather_rows(const torch::Tensor& cpu_rows, int root) {
  TORCH_CHECK(cpu_rows.dim() == 2, "gather_rows needs a 2-D tensor");
  const auto rows = cpu_rows.to(transport());
  const int n = world_size();
  // Row counts differ by rank; c10d's gather wants equal shapes, so pad to the largest.
  std::vector<torch::Tensor> count{torch::full({1}, rows.size(0), rows.options().dtype(torch::kLong))};
  std::vector<std::vector<torch::Tensor>> counts(1);
  for (int r = 0; r < n; r++) counts[0].push_back(torch::empty_like(count[0]));
  wait("exchange of row counts", pg_->allgather(counts, count));
  int64_t most = 0;
  std::vector<int64_t> sizes;
  for (auto& c : counts[0]) {
    sizes.push_back(c.item<int64_t>());
    most = std::max(most, sizes.back());
  }
  auto padded = torch::zeros({most, rows.size(1)}, rows.options());
  padded.slice(0, 0, rows.size(0)).copy_(rows);
  std::vector<torch::Tensor> input{padded};
  std::vector<std::vector<torch::Tensor>> output;
  if (rank() == root) {
    output.emplace_back();
    for (int r = 0; r < n; r++) output[0].push_back(torch::empty_like(padded));
  }
  c10d::GatherOptions opts;
  opts.rootRank = root;
  wait("gather of predictions", pg_->gather(output, input, opts));
  if (rank() != root) return {};
  std::vector<torch::Tensor> parts;
  for (int r = 0; r < n; r++) parts.push_back(output[0][r].slice(0, 0, sizes[r]));
  return torch::cat(parts).to(cpu_rows.device());
}

void Group::broadcast_tensor(torch::Tensor& values, int root) {
  auto moved = values.to(transport());  // the same tensor on Gloo
  broadcast({moved}, root, "broadcast of values");
  if (!moved.is_same(values)) values.copy_(moved);
}

void Group::barrier() { wait("barrier", pg_->barrier()); }

}  // namespace wb
