// The pickle virtual machine of pickle.h: a stack, marks and a memo, one opcode at a time.
// Opcode meanings follow CPython's Lib/pickle.py; only the binary ones torch.save can emit are
// here, anything else stops with its byte offset.
#include "pickle.h"

#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <unordered_map>

namespace wb::pickle {

ValuePtr make(Value::Kind kind) {
  auto value = std::make_shared<Value>();
  value->kind = kind;
  return value;
}

std::string describe(const Value& value) {
  switch (value.kind) {
    case Value::Kind::None: return "None";
    case Value::Kind::Bool: return "a bool";
    case Value::Kind::Int: case Value::Kind::BigInt: return "an int";
    case Value::Kind::Float: return "a float";
    case Value::Kind::String: return "a str";
    case Value::Kind::Bytes: return "a bytes object";
    case Value::Kind::Tuple: return "a tuple";
    case Value::Kind::List: return "a list";
    case Value::Kind::Dict: return "a dict";
    case Value::Kind::Global: return "the global " + value.text;
    case Value::Kind::Object: return "a " + value.object_type;
  }
  return "an unknown value";
}

namespace {

class Machine {
 public:
  Machine(const char* data, size_t size, size_t& offset, const Hooks& hooks)
      : data_(data), size_(size), pos_(offset), offset_(offset), hooks_(hooks) {}

  ValuePtr run() {
    for (;;) {
      op_at_ = pos_;
      const uint8_t op = u8();
      if (op == '.') {  // STOP
        offset_ = pos_;
        if (stack_.empty()) fail("STOP with an empty stack");
        return stack_.back();
      }
      step(op);
    }
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("pickle: " + what + " at byte " + std::to_string(op_at_));
  }

  void need(size_t n, const char* what) const {
    if (n > size_ - pos_)
      throw std::runtime_error("truncated: the data ends at byte " + std::to_string(size_) +
                               " inside " + what + " (pickle opcode at byte " +
                               std::to_string(op_at_) + ")");
  }

  uint64_t little(size_t n, const char* what) {
    need(n, what);
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i) v |= static_cast<uint64_t>(static_cast<uint8_t>(data_[pos_ + i])) << (8 * i);
    pos_ += n;
    return v;
  }
  uint8_t u8() { return static_cast<uint8_t>(little(1, "an opcode")); }

  std::string bytes(uint64_t n, const char* what) {
    need(static_cast<size_t>(n), what);
    std::string s(data_ + pos_, static_cast<size_t>(n));
    pos_ += static_cast<size_t>(n);
    return s;
  }

  std::string line(const char* what) {
    const void* end = std::memchr(data_ + pos_, '\n', size_ - pos_);
    if (!end) need(size_ - pos_ + 1, what);
    size_t n = static_cast<const char*>(end) - (data_ + pos_);
    std::string s(data_ + pos_, n);
    pos_ += n + 1;
    return s;
  }

  void push(ValuePtr v) { stack_.push_back(std::move(v)); }
  ValuePtr pop() {
    if (stack_.empty() || (!marks_.empty() && stack_.size() == marks_.back())) fail("stack underflow");
    auto v = std::move(stack_.back());
    stack_.pop_back();
    return v;
  }
  ValuePtr& top() {
    if (stack_.empty()) fail("stack underflow");
    return stack_.back();
  }
  // Everything pushed since the last MARK, which is removed.
  std::vector<ValuePtr> pop_mark() {
    if (marks_.empty()) fail("no MARK to pop to");
    std::vector<ValuePtr> items(stack_.begin() + static_cast<std::ptrdiff_t>(marks_.back()), stack_.end());
    stack_.resize(marks_.back());
    marks_.pop_back();
    return items;
  }

  ValuePtr scalar(Value::Kind kind, int64_t v) {
    auto value = make(kind);
    value->integer = v;
    return value;
  }
  ValuePtr text(Value::Kind kind, std::string s) {
    auto value = make(kind);
    value->text = std::move(s);
    return value;
  }
  ValuePtr tuple(std::vector<ValuePtr> items) {
    auto value = make(Value::Kind::Tuple);
    value->items = std::move(items);
    return value;
  }

  ValuePtr long_int(uint64_t n) {
    auto raw = bytes(n, "a LONG");
    if (raw.size() > 8) return text(Value::Kind::BigInt, raw);
    uint64_t v = 0;
    for (size_t i = 0; i < raw.size(); ++i) v |= static_cast<uint64_t>(static_cast<uint8_t>(raw[i])) << (8 * i);
    if (!raw.empty() && raw.size() < 8 && (static_cast<uint8_t>(raw.back()) & 0x80))
      v |= ~uint64_t{0} << (8 * raw.size());  // sign-extend
    return scalar(Value::Kind::Int, static_cast<int64_t>(v));
  }

  ValuePtr global(std::string module, std::string name) {
    auto full = module + "." + name;
    hooks_.check_global(full);
    return text(Value::Kind::Global, full);
  }

  ValuePtr call() {
    auto args = pop();
    auto callable = pop();
    if (callable->kind != Value::Kind::Global) fail("call of " + describe(*callable));
    if (args->kind != Value::Kind::Tuple) fail("call of " + callable->text + " without an argument tuple");
    return hooks_.call(callable->text, *args);
  }

  Value& container(Value::Kind kind, const char* op) {
    auto& target = top();
    if (target->kind != kind) fail(std::string(op) + " on " + describe(*target));
    return *target;
  }

  void set_items(Value& dict, std::vector<ValuePtr> items) {
    if (items.size() % 2) fail("SETITEMS with an odd number of values");
    for (size_t i = 0; i < items.size(); i += 2) dict.entries.emplace_back(items[i], items[i + 1]);
  }

  void memo_put(uint64_t key) { memo_[key] = top(); }
  void memo_get(uint64_t key) {
    auto it = memo_.find(key);
    if (it == memo_.end()) fail("memo key " + std::to_string(key) + " was never stored");
    push(it->second);
  }

  void step(uint8_t op) {
    using K = Value::Kind;
    switch (op) {
      case 0x80: if (u8() > 5) fail("pickle protocol above 5"); break;  // PROTO
      case 0x95: little(8, "a FRAME"); break;                            // FRAME: length only
      case '(': marks_.push_back(stack_.size()); break;                 // MARK
      case 'N': push(make(K::None)); break;
      case 0x88: push(scalar(K::Bool, 1)); break;  // NEWTRUE
      case 0x89: push(scalar(K::Bool, 0)); break;  // NEWFALSE
      case 'J': push(scalar(K::Int, static_cast<int32_t>(little(4, "a BININT")))); break;
      case 'K': push(scalar(K::Int, static_cast<int64_t>(little(1, "a BININT1")))); break;
      case 'M': push(scalar(K::Int, static_cast<int64_t>(little(2, "a BININT2")))); break;
      case 0x8a: push(long_int(little(1, "a LONG1"))); break;
      case 0x8b: push(long_int(little(4, "a LONG4"))); break;
      case 'G': {  // BINFLOAT: big-endian IEEE double
        need(8, "a BINFLOAT");
        uint64_t bits = 0;
        for (int i = 0; i < 8; ++i) bits = bits << 8 | static_cast<uint8_t>(data_[pos_ + i]);
        pos_ += 8;
        auto value = make(K::Float);
        std::memcpy(&value->real, &bits, 8);
        push(value);
        break;
      }
      case 'X': push(text(K::String, bytes(little(4, "a BINUNICODE"), "a BINUNICODE"))); break;
      case 0x8c: push(text(K::String, bytes(little(1, "a SHORT_BINUNICODE"), "a SHORT_BINUNICODE"))); break;
      case 0x8d: push(text(K::String, bytes(little(8, "a BINUNICODE8"), "a BINUNICODE8"))); break;
      case 'T': push(text(K::String, bytes(little(4, "a BINSTRING"), "a BINSTRING"))); break;
      case 'U': push(text(K::String, bytes(little(1, "a SHORT_BINSTRING"), "a SHORT_BINSTRING"))); break;
      case 'B': push(text(K::Bytes, bytes(little(4, "a BINBYTES"), "a BINBYTES"))); break;
      case 'C': push(text(K::Bytes, bytes(little(1, "a SHORT_BINBYTES"), "a SHORT_BINBYTES"))); break;
      case 0x8e: push(text(K::Bytes, bytes(little(8, "a BINBYTES8"), "a BINBYTES8"))); break;
      case ')': push(tuple({})); break;
      case 't': push(tuple(pop_mark())); break;
      case 0x85: { auto a = pop(); push(tuple({a})); break; }
      case 0x86: { auto b = pop(), a = pop(); push(tuple({a, b})); break; }
      case 0x87: { auto c = pop(), b = pop(), a = pop(); push(tuple({a, b, c})); break; }
      case ']': push(make(K::List)); break;
      case 'l': { auto list = make(K::List); list->items = pop_mark(); push(list); break; }
      case 'a': { auto v = pop(); container(K::List, "APPEND").items.push_back(v); break; }
      case 'e': { auto items = pop_mark(); auto& list = container(K::List, "APPENDS");
                  list.items.insert(list.items.end(), items.begin(), items.end()); break; }
      case '}': push(make(K::Dict)); break;
      case 'd': { auto dict = make(K::Dict); set_items(*dict, pop_mark()); push(dict); break; }
      case 's': { auto v = pop(), k = pop(); container(K::Dict, "SETITEM").entries.emplace_back(k, v); break; }
      case 'u': { auto items = pop_mark(); set_items(container(K::Dict, "SETITEMS"), std::move(items)); break; }
      case 'c': { auto module = line("a GLOBAL"); auto name = line("a GLOBAL"); push(global(module, name)); break; }
      case 0x93: {  // STACK_GLOBAL
        auto name = pop(), module = pop();
        if (name->kind != K::String || module->kind != K::String) fail("STACK_GLOBAL of non-strings");
        push(global(module->text, name->text));
        break;
      }
      case 'R': case 0x81: push(call()); break;  // REDUCE, NEWOBJ
      case 'b': {  // BUILD: only OrderedDict attributes (state_dict's _metadata), which we drop
        pop();
        if (top()->kind != K::Dict) fail("cannot set the state of " + describe(*top()));
        break;
      }
      case 'Q': { auto pid = pop(); push(hooks_.persistent_load(*pid)); break; }  // BINPERSID
      case 'q': memo_put(little(1, "a BINPUT")); break;
      case 'r': memo_put(little(4, "a LONG_BINPUT")); break;
      case 0x94: memo_put(memo_.size()); break;  // MEMOIZE
      case 'h': memo_get(little(1, "a BINGET")); break;
      case 'j': memo_get(little(4, "a LONG_BINGET")); break;
      case '0':  // POP: a value, or a MARK just pushed
        if (!marks_.empty() && marks_.back() == stack_.size()) marks_.pop_back();
        else pop();
        break;
      case '1': pop_mark(); break;  // POP_MARK
      case '2': push(top()); break;  // DUP
      default: {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02x", op);
        fail(std::string("unsupported opcode ") + hex);
      }
    }
  }

  const char* data_;
  size_t size_, pos_;
  size_t& offset_;
  size_t op_at_ = 0;
  const Hooks& hooks_;
  std::vector<ValuePtr> stack_;
  std::vector<size_t> marks_;
  std::unordered_map<uint64_t, ValuePtr> memo_;
};

}  // namespace

ValuePtr load(const char* data, size_t size, size_t& offset, const Hooks& hooks) {
  if (offset > size) throw std::runtime_error("pickle: start beyond the end of the data");
  return Machine(data, size, offset, hooks).run();
}

}  // namespace wb::pickle
