// A small, restricted reader for Python pickles (protocols 2-5, the opcodes torch.save emits).
// It builds plain values (None, bool, int, float, str, bytes, tuple, list, dict) and never runs
// anything: every GLOBAL, REDUCE and persistent id goes through hooks that the caller
// whitelists (torch_file.cpp), so an unknown class is an error, not code execution.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace wb::pickle {

struct Value;
using ValuePtr = std::shared_ptr<Value>;

struct Value {
  enum class Kind { None, Bool, Int, BigInt, Float, String, Bytes, Tuple, List, Dict, Global, Object };
  Kind kind = Kind::None;
  int64_t integer = 0;  // Bool, Int
  double real = 0;      // Float
  std::string text;     // String, Bytes, BigInt (little-endian two's complement), Global "module.name"
  std::vector<ValuePtr> items;                           // Tuple, List
  std::vector<std::pair<ValuePtr, ValuePtr>> entries;    // Dict, in insertion order
  std::shared_ptr<void> object;                          // Object: whatever a hook built
  std::string object_type;                               // Object: what it is, for messages
};

ValuePtr make(Value::Kind kind);
// "a str", "a tuple", "an int", "a <object_type>": for error messages.
std::string describe(const Value& value);

struct Hooks {
  // GLOBAL / STACK_GLOBAL: throw for a name that is not allowed.
  std::function<void(const std::string& global)> check_global;
  // REDUCE (and NEWOBJ): call the allowed global with its argument tuple.
  std::function<ValuePtr(const std::string& global, const Value& args)> call;
  // BINPERSID: what a persistent id (torch: a storage descriptor tuple) stands for.
  std::function<ValuePtr(const Value& pid)> persistent_load;
};

// Reads one pickle from data[offset..size), up to and including its STOP opcode; advances
// offset past it. Throws std::runtime_error naming the byte offset of what it cannot read
// (a truncated pickle, an unsupported opcode, a malformed stack).
ValuePtr load(const char* data, size_t size, size_t& offset, const Hooks& hooks);

}  // namespace wb::pickle
