// SHA-256 (FIPS 180-4), for the content hash in generated READMEs.
#ifndef MLSPEC_COMMON_SHA256_H_
#define MLSPEC_COMMON_SHA256_H_

#include <string>
#include <string_view>

namespace mlspec {

// Lower-case hex digest of `data`.
std::string Sha256Hex(std::string_view data);

}  // namespace mlspec

#endif  // MLSPEC_COMMON_SHA256_H_
