#include "error.h"
#include "workbench.h"

namespace wb {
namespace {
thread_local std::string last_error;
}

void set_error(const std::string& message) {
  // libtorch messages can run over many lines of context; the first line says what went wrong.
  auto end = message.find('\n');
  last_error = end == std::string::npos ? message : message.substr(0, end);
}

void clear_error() { last_error.clear(); }

const char* last_error_cstr() { return last_error.c_str(); }
}  // namespace wb

extern "C" const char* wb_last_error(void) { return wb::last_error_cstr(); }
