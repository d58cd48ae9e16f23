// Kubernetes resource quantities ("500m", "4", "16Gi", "1.5", "1e3"), parsed
// exactly and printed in the canonical form the API server returns, so that
// emitted manifests show no spurious diffs in ArgoCD.
//
// Reference: k8s.io/apimachinery/pkg/api/resource/quantity.go
// (https://github.com/kubernetes/apimachinery/blob/master/pkg/api/resource/quantity.go):
// grammar, rounding up to nano precision, and CanonicalizeBytes.
#ifndef MLSPEC_COMMON_QUANTITY_H_
#define MLSPEC_COMMON_QUANTITY_H_

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mlspec {

class Quantity {
 public:
  enum class Format { kDecimalSI, kBinarySI, kDecimalExponent };

  Quantity() = default;

  // Parses a quantity. On failure returns nullopt and sets *error to a
  // sentence that says what is wrong and what would be right (e.g. "16GB"
  // suggests "16Gi"). Values beyond ±2^63 units are rejected as out of range.
  static std::optional<Quantity> Parse(std::string_view text, std::string* error);

  static Quantity FromUnits(int64_t units, Format f = Format::kDecimalSI);
  static Quantity FromMilli(int64_t milli);

  // The API server's canonical form: "1500m" for "1.5", "1Gi" for "1024Mi".
  std::string Canonical() const;

  bool is_zero() const { return nanos_ == 0; }
  bool negative() const { return nanos_ < 0; }
  Format format() const { return format_; }
  // Value rounded up to whole milli-units / units.
  int64_t MilliValue() const;
  int64_t Value() const;
  double AsDouble() const;
  bool IsInteger() const;

  Quantity operator+(const Quantity& o) const;
  Quantity operator*(int64_t n) const;

  friend bool operator==(const Quantity& a, const Quantity& b) { return a.nanos_ == b.nanos_; }
  friend std::strong_ordering operator<=>(const Quantity& a, const Quantity& b) { return a.nanos_ <=> b.nanos_; }

 private:
  __int128 nanos_ = 0;  // value × 10^9, exact.
  Format format_ = Format::kDecimalSI;
};

}  // namespace mlspec

#endif  // MLSPEC_COMMON_QUANTITY_H_
