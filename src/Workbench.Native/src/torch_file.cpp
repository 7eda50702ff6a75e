// torch.save files -> named tensors (see torch_file.h). The pickle says which storages exist and
// how each tensor views one; the storages' bytes come afterwards (legacy) or from zip records,
// so tensors are described while unpickling and built once every storage has been read.
#include "torch_file.h"

#include <caffe2/serialize/inline_container.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <stdexcept>

#include "pickle.h"

namespace wb {
namespace {

using pickle::Value;
using pickle::ValuePtr;
using Kind = Value::Kind;

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error(what); }

struct StorageRef {
  std::string key;
  c10::ScalarType dtype;
  int64_t numel;
  torch::Tensor data;  // 1-D, filled after the pickle has been read
};

struct TensorRef {
  std::shared_ptr<StorageRef> storage;
  int64_t offset;
  std::vector<int64_t> sizes, strides;
};

const std::map<std::string, c10::ScalarType>& storage_types() {
  static const std::map<std::string, c10::ScalarType> types = {
      {"torch.FloatStorage", torch::kFloat},   {"torch.DoubleStorage", torch::kDouble},
      {"torch.HalfStorage", torch::kHalf},     {"torch.BFloat16Storage", torch::kBFloat16},
      {"torch.LongStorage", torch::kLong},     {"torch.IntStorage", torch::kInt},
      {"torch.ShortStorage", torch::kShort},   {"torch.CharStorage", torch::kChar},
      {"torch.ByteStorage", torch::kByte},     {"torch.BoolStorage", torch::kBool}};
  return types;
}

const char* const kOrderedDict = "collections.OrderedDict";
const char* const kRebuildTensor = "torch._utils._rebuild_tensor_v2";
const char* const kRebuildParameter = "torch._utils._rebuild_parameter";
const char* const kRebuildParameterWithState = "torch._utils._rebuild_parameter_with_state";
// libtorch's own pickler (torch::pickle_save, our checkpoints) wraps a typed dict in this.
const char* const kRestoreTypeTag = "torch.jit._pickle.restore_type_tag";

int64_t as_int(const Value& v, const char* what) {
  if (v.kind != Kind::Int) fail(std::string(what) + " is " + describe(v) + ", not an int");
  return v.integer;
}

std::vector<int64_t> as_ints(const Value& v, const char* what) {
  if (v.kind != Kind::Tuple) fail(std::string(what) + " is " + describe(v) + ", not a tuple");
  std::vector<int64_t> out;
  for (auto& item : v.items) out.push_back(as_int(*item, what));
  return out;
}

template <class T>
std::shared_ptr<T> object_of(const Value& v, const char* type, const char* what) {
  if (v.kind != Kind::Object || v.object_type != type)
    fail(std::string(what) + " is " + describe(v) + ", not a " + type);
  return std::static_pointer_cast<T>(v.object);
}

ValuePtr make_object(std::shared_ptr<void> object, const char* type) {
  auto value = pickle::make(Kind::Object);
  value->object = std::move(object);
  value->object_type = type;
  return value;
}

// The hooks that give torch.save's pickles their meaning, and the storages they mention.
class Unpickler {
 public:
  std::map<std::string, std::shared_ptr<StorageRef>> storages;

  pickle::Hooks hooks() {
    pickle::Hooks h;
    h.check_global = [](const std::string& name) { check_global(name); };
    h.call = [](const std::string& name, const Value& args) { return call(name, args); };
    h.persistent_load = [this](const Value& pid) { return persistent_load(pid); };
    return h;
  }

 private:
  static void check_global(const std::string& name) {
    if (name == kOrderedDict || name == kRebuildTensor || name == kRebuildParameter ||
        name == kRebuildParameterWithState || name == kRestoreTypeTag || storage_types().count(name))
      return;
    fail("the file refers to '" + name + "', which a state dict does not contain: only dicts or " +
         "OrderedDicts of tensors load (save model.state_dict(), not a whole model or other objects)");
  }

  static ValuePtr call(const std::string& name, const Value& args) {
    const auto& a = args.items;
    if (name == kOrderedDict) {
      auto dict = pickle::make(Kind::Dict);
      if (a.size() == 1 && a[0]->kind == Kind::List)  // OrderedDict([(key, value), ...])
        for (auto& pair : a[0]->items) {
          if (pair->kind != Kind::Tuple || pair->items.size() != 2) fail("malformed OrderedDict items");
          dict->entries.emplace_back(pair->items[0], pair->items[1]);
        }
      else if (!a.empty())
        fail("OrderedDict built from " + describe(*a[0]));
      return dict;
    }
    if (name == kRebuildTensor) {
      // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
      if (a.size() != 6 && a.size() != 7) fail("_rebuild_tensor_v2 with " + std::to_string(a.size()) + " arguments");
      auto tensor = std::make_shared<TensorRef>();
      tensor->storage = object_of<StorageRef>(*a[0], "storage", "a tensor's storage");
      tensor->offset = as_int(*a[1], "a tensor's storage offset");
      tensor->sizes = as_ints(*a[2], "a tensor's size");
      tensor->strides = as_ints(*a[3], "a tensor's stride");
      if (tensor->sizes.size() != tensor->strides.size()) fail("a tensor's size and stride differ in length");
      return make_object(tensor, "tensor");
    }
    if (name == kRebuildParameter || name == kRebuildParameterWithState) {
      // (data, requires_grad, backward_hooks[, state]): a Parameter is its data here.
      if (a.size() < 3) fail("_rebuild_parameter with too few arguments");
      object_of<TensorRef>(*a[0], "tensor", "a parameter's data");
      return a[0];
    }
    if (name == kRestoreTypeTag) {  // (value, "Dict[str, Tensor]"): the type is for TorchScript
      if (a.size() != 2) fail("restore_type_tag with " + std::to_string(a.size()) + " arguments");
      return a[0];
    }
    fail("the file calls '" + name + "', which a state dict does not do");
  }

  // ('storage', storage type, key, location, numel) in the zip format; the legacy format adds
  // view metadata, None since PyTorch 0.4 (storage views are not supported).
  ValuePtr persistent_load(const Value& pid) {
    const auto& p = pid.items;
    if (pid.kind != Kind::Tuple || p.empty() || p[0]->kind != Kind::String)
      fail("persistent id " + describe(pid) + " is not a storage descriptor");
    if (p[0]->text != "storage") fail("persistent id of a '" + p[0]->text + "', not of a storage");
    if (p.size() != 5 && p.size() != 6) fail("storage descriptor of " + std::to_string(p.size()) + " fields");
    if (p[1]->kind != Kind::Global || !storage_types().count(p[1]->text))
      fail("storage of type " + describe(*p[1]) + " is not supported");
    if (p[2]->kind != Kind::String) fail("storage key is " + describe(*p[2]));
    if (p.size() == 6 && p[5]->kind != Kind::None) fail("storage views (PyTorch < 0.4 files) are not supported");
    const auto dtype = storage_types().at(p[1]->text);
    const int64_t numel = as_int(*p[4], "a storage's size");
    if (numel < 0) fail("storage '" + p[2]->text + "' has a negative size");
    auto& storage = storages[p[2]->text];
    if (!storage) storage = std::make_shared<StorageRef>(StorageRef{p[2]->text, dtype, numel, {}});
    else if (storage->dtype != dtype) fail("storage '" + p[2]->text + "' is used with two types");
    return make_object(storage, "storage");
  }
};

void byteswap(torch::Tensor& data) {
  const size_t width = data.element_size();
  auto* bytes = static_cast<uint8_t*>(data.data_ptr());
  for (int64_t i = 0; i < data.numel(); ++i) std::reverse(bytes + i * width, bytes + (i + 1) * width);
}

// Copies a storage's raw bytes (native little-endian unless told) into a fresh CPU tensor.
torch::Tensor storage_data(const StorageRef& storage, const char* bytes, size_t size, bool big_endian) {
  const size_t expected = static_cast<size_t>(storage.numel) * c10::elementSize(storage.dtype);
  if (size != expected)
    fail("storage '" + storage.key + "' has " + std::to_string(size) + " bytes, its descriptor says " +
         std::to_string(expected));
  auto data = torch::empty({storage.numel}, torch::TensorOptions().dtype(storage.dtype));
  if (size) std::memcpy(data.data_ptr(), bytes, size);
  if (big_endian) byteswap(data);
  return data;
}

NamedTensors to_named_tensors(const Value& root) {
  if (root.kind != Kind::Dict) fail("the file holds " + describe(root) + ", not a state dict (name -> tensor)");
  // A nested dict first: in a training checkpoint ({"epoch": .., "state_dict": {..}}) that is
  // the entry worth naming.
  for (auto& [key, value] : root.entries)
    if (key->kind == Kind::String && value->kind == Kind::Dict)
      fail("entry '" + key->text + "' is a dict, not a tensor (a training checkpoint? save the " +
           "state dict under '" + key->text + "' on its own)");
  NamedTensors out;
  for (auto& [key, value] : root.entries) {
    if (key->kind != Kind::String) fail("the state dict has a key that is " + describe(*key) + ", not a name");
    if (value->kind != Kind::Object || value->object_type != "tensor")
      fail("entry '" + key->text + "' is " + describe(*value) + ", not a tensor");
    auto ref = std::static_pointer_cast<TensorRef>(value->object);
    const auto& storage = *ref->storage;
    int64_t last = ref->offset, count = 1;
    for (size_t i = 0; i < ref->sizes.size(); ++i) {
      if (ref->sizes[i] < 0 || ref->strides[i] < 0) fail("tensor '" + key->text + "' has a negative size or stride");
      count *= ref->sizes[i];
      last += (ref->sizes[i] - 1) * ref->strides[i];
    }
    if (count > 0 && (ref->offset < 0 || last >= storage.numel))
      fail("tensor '" + key->text + "' reaches beyond its storage of " + std::to_string(storage.numel) + " elements");
    out.emplace_back(key->text, storage.data.as_strided(ref->sizes, ref->strides, ref->offset));
  }
  return out;
}

std::vector<char> read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot open the file");
  return std::vector<char>(std::istreambuf_iterator<char>(in), {});
}

NamedTensors read_zip(const std::string& path) {
  std::unique_ptr<caffe2::serialize::PyTorchStreamReader> reader;
  try {
    reader = std::make_unique<caffe2::serialize::PyTorchStreamReader>(path);
  } catch (const c10::Error& e) {
    fail(std::string("damaged or truncated zip archive (") + e.what_without_backtrace() + ")");
  }
  auto record = [&](const std::string& name) {
    if (!reader->hasRecord(name)) fail("the archive has no record '" + name + "' (truncated?)");
    try {
      return reader->getRecord(name);
    } catch (const c10::Error& e) {
      fail("cannot read record '" + name + "' (" + e.what_without_backtrace() + ")");
    }
  };
  bool big_endian = false;
  if (reader->hasRecord("byteorder")) {
    auto [order, size] = record("byteorder");
    std::string text(static_cast<const char*>(order.get()), size);
    if (text != "little" && text != "big") fail("unknown byte order '" + text + "'");
    big_endian = text == "big";
  }
  Unpickler unpickler;
  auto [pkl, pkl_size] = record("data.pkl");
  size_t offset = 0;
  auto root = pickle::load(static_cast<const char*>(pkl.get()), pkl_size, offset, unpickler.hooks());
  for (auto& [key, storage] : unpickler.storages) {
    auto [bytes, size] = record("data/" + key);
    storage->data = storage_data(*storage, static_cast<const char*>(bytes.get()), size, big_endian);
  }
  return to_named_tensors(*root);
}

// torch/serialization.py's _legacy_save: pickles of the magic number, the protocol version and
// sys info, then the object, then the list of storage keys; then per key an int64 element
// count and the raw elements.
NamedTensors read_legacy(const std::vector<char>& file) {
  const char* data = file.data();
  size_t offset = 0;
  pickle::Hooks plain;
  plain.check_global = [](const std::string& name) { fail("unexpected '" + name + "' in the file header"); };
  plain.call = [](const std::string&, const Value&) -> ValuePtr { fail("unexpected call in the file header"); };
  plain.persistent_load = [](const Value&) -> ValuePtr { fail("unexpected storage in the file header"); };

  auto magic = pickle::load(data, file.size(), offset, plain);
  static const char kMagic[] = "\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19";  // 0x1950a86a20f9469cfc6c
  if (magic->kind != Kind::BigInt || magic->text != std::string(kMagic, 10))
    fail("not a torch.save file (no PyTorch magic number)");
  auto protocol = pickle::load(data, file.size(), offset, plain);
  if (protocol->kind != Kind::Int || protocol->integer != 1001)
    fail("unsupported legacy protocol version " + (protocol->kind == Kind::Int ? std::to_string(protocol->integer) : "?"));
  auto sys_info = pickle::load(data, file.size(), offset, plain);
  bool big_endian = false;
  for (auto& [key, value] : sys_info->entries)
    if (key->kind == Kind::String && key->text == "little_endian" && value->kind == Kind::Bool)
      big_endian = value->integer == 0;

  Unpickler unpickler;
  auto root = pickle::load(data, file.size(), offset, unpickler.hooks());
  auto keys = pickle::load(data, file.size(), offset, plain);
  if (keys->kind != Kind::List) fail("the storage key list is " + describe(*keys));
  for (auto& key : keys->items) {
    if (key->kind != Kind::String || !unpickler.storages.count(key->text))
      fail("the file lists a storage (" + describe(*key) + ") that no tensor uses");
    auto& storage = *unpickler.storages.at(key->text);
    if (file.size() - offset < 8) fail("truncated: storage '" + key->text + "' is missing");
    int64_t count = 0;
    std::memcpy(&count, data + offset, 8);  // this host is little-endian (x86-64, arm64)
    if (big_endian) count = static_cast<int64_t>(__builtin_bswap64(static_cast<uint64_t>(count)));
    offset += 8;
    const size_t size = static_cast<size_t>(storage.numel) * c10::elementSize(storage.dtype);
    if (count != storage.numel) fail("storage '" + key->text + "' has " + std::to_string(count) + " elements, its descriptor says " + std::to_string(storage.numel));
    if (file.size() - offset < size)
      fail("truncated: storage '" + key->text + "' needs " + std::to_string(size) + " bytes at byte " +
           std::to_string(offset) + " but the file ends at " + std::to_string(file.size()));
    storage.data = storage_data(storage, data + offset, size, big_endian);
    offset += size;
  }
  for (auto& [key, storage] : unpickler.storages)
    if (!storage->data.defined()) fail("storage '" + key + "' is missing from the file");
  return to_named_tensors(*root);
}

}  // namespace

NamedTensors read_torch_state_dict(const std::string& path) {
  // The first bytes tell the formats apart: a zip's local header, a pickle's PROTO opcode, or
  // the "ustar" of the tar files PyTorch wrote before 0.4.
  char head[262] = {};
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot open the file");
  in.read(head, sizeof head);
  const auto got = static_cast<size_t>(in.gcount());
  in.close();
  if (got >= 4 && std::memcmp(head, "PK\x03\x04", 4) == 0) return read_zip(path);
  if (got >= 1 && static_cast<uint8_t>(head[0]) == 0x80) return read_legacy(read_all(path));
  if (got == sizeof head && std::memcmp(head + 257, "ustar", 5) == 0)
    fail("a tar-format file from PyTorch < 0.4, which is not supported");
  fail("not a file written by torch.save (neither its zip format nor its legacy format)");
}

}  // namespace wb
