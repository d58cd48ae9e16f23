// Errors as values for the preflight core: a value or an Error, never an
// exception across a boundary.
#ifndef MLSPEC_PREFLIGHT_EXPECTED_H_
#define MLSPEC_PREFLIGHT_EXPECTED_H_

#include <optional>
#include <string>
#include <utility>

namespace mlspec::preflight {

// What went wrong in a call to the device, NVML or the operating system.
// `code` is a stable machine name ("cudaErrorSystemNotReady",
// "NVML_ERROR_NOT_SUPPORTED", "ENOENT"); `message` is for people; `where`
// names the call and its source position when one is known.
struct Error {
  std::string code;
  std::string message;
  std::string where;

  std::string ToString() const;
};

// A T or an Error. Small on purpose: construct from either, test ok().
template <class T>
class Expected {
 public:
  Expected(T value) : value_(std::move(value)) {}      // NOLINT: implicit by design
  Expected(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return value_.has_value(); }
  const T& value() const& { return *value_; }
  T& value() & { return *value_; }
  T&& value() && { return std::move(*value_); }
  const Error& error() const { return error_; }

 private:
  std::optional<T> value_;
  Error error_;
};

inline std::string Error::ToString() const {
  std::string out = message.empty() ? code : message;
  if (!code.empty() && !message.empty()) out += " (" + code + ")";
  if (!where.empty()) out += " at " + where;
  return out;
}

}  // namespace mlspec::preflight

#endif  // MLSPEC_PREFLIGHT_EXPECTED_H_
