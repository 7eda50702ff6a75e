// The only global state of the engine: the last error message, one per calling thread.
#pragma once
#include <string>
#include <exception>
#include <c10/util/Exception.h>

namespace wb {

void set_error(const std::string& message);
void clear_error();
const char* last_error_cstr();

// Runs body and turns any C++ exception into an error code plus message, so that nothing
// unwinds into the managed caller (which would abort the process).
template <class Body>
int32_t guarded(Body&& body) {
  try {
    clear_error();
    body();
    return 0;
  } catch (const c10::Error& e) {
    set_error(e.what_without_backtrace());
  } catch (const std::exception& e) {
    set_error(e.what());
  } catch (...) {
    set_error("unknown native error");
  }
  return 1;
}

template <class T, class Body>
T* guarded_create(Body&& body) {
  T* result = nullptr;
  guarded([&] { result = body(); });
  return result;
}

}  // namespace wb
