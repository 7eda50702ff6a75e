// Data-parallel work over libtorch's own c10d: a TCPStore rendezvous (torchrun's MASTER_ADDR /
// MASTER_PORT / WORLD_SIZE / RANK) and a ProcessGroup -- Gloo on CPU, NCCL when the engine is
// built against a CUDA libtorch with WB_WITH_NCCL. Nothing here opens a socket of its own.
#pragma once
#include <torch/torch.h>

#include <chrono>
#include <memory>
#include <string>

#include <torch/csrc/distributed/c10d/ProcessGroup.hpp>
#include <torch/csrc/distributed/c10d/Store.hpp>

namespace wb {

struct GroupOptions {
  std::string backend;      // "gloo" | "nccl"
  std::string master_addr;  // host of rank 0's TCPStore
  int port = 0;
  int world_size = 1;
  int rank = 0;
  std::chrono::milliseconds timeout{60000};  // rendezvous and every collective
};

// One rank's membership of a process group. Collectives must be issued in the same order on
// every rank (c10d's rule); the group is used by one thread at a time.
class Group {
 public:
  explicit Group(const GroupOptions& options);
  ~Group();
  Group(const Group&) = delete;
  Group& operator=(const Group&) = delete;

  int rank() const { return options_.rank; }
  int world_size() const { return options_.world_size; }

  // Overwrites every parameter and buffer of module with root's.
  void broadcast_module(torch::nn::Module& module, int root);
  // Overwrites the buffers only (BatchNorm running statistics), as DDP does before a forward.
  void broadcast_buffers(torch::nn::Module& module, int root);
  // Sums the tensors over all ranks in place, flattened into buckets of at most bucket_bytes
  // (one collective per bucket rather than one per tensor).
  void allreduce_sum(const std::vector<torch::Tensor>& tensors, int64_t bucket_bytes);
  // Starts summing the tensors over all ranks in place; wait() for the returned work before reading them.
  c10::intrusive_ptr<c10d::Work> allreduce_async(std::vector<torch::Tensor>& tensors);
  // Waits for a collective, turning a failure or timeout into an error that names what was waited for.
  void wait(const char* what, const c10::intrusive_ptr<c10d::Work>& work);
  // Rank order concatenation of every rank's rows (a 2-D float tensor, any row count) on root;
  // an undefined tensor elsewhere.
  torch::Tensor gather_rows(const torch::Tensor& rows, int root);
  // Overwrites values (any dense tensor of the same shape and dtype on every rank) with root's.
  void broadcast_tensor(torch::Tensor& values, int root);
  void barrier();

 private:
  // Where gathered and broadcast values travel: NCCL moves only CUDA tensors, while predictions, ids and row
  // counts live on the CPU; Gloo takes them as they are.
  torch::Device transport() const;
  void broadcast(std::vector<torch::Tensor> tensors, int root, const char* what);

  GroupOptions options_;
  c10::intrusive_ptr<c10d::Store> store_;
  c10::intrusive_ptr<c10d::ProcessGroup> pg_;
};

}  // namespace wb
