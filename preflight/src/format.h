// Small, locale-independent number formatting for report strings.
#ifndef MLSPEC_PREFLIGHT_FORMAT_H_
#define MLSPEC_PREFLIGHT_FORMAT_H_

#include <cstdint>
#include <cstdio>
#include <string>

namespace mlspec::preflight {

inline std::string Fixed(double v, int digits = 1) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

inline std::string GiB(uint64_t bytes) { return Fixed(static_cast<double>(bytes) / (1ull << 30), 2) + " GiB"; }

inline std::string Percent(double fraction) { return Fixed(fraction * 100, 1) + "%"; }

inline std::string GpuTag(int index) { return "gpu" + std::to_string(index); }

}  // namespace mlspec::preflight

#endif  // MLSPEC_PREFLIGHT_FORMAT_H_
