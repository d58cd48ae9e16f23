// Messages for names that refer to a table the spec does not define.
#ifndef MLSPEC_VALIDATE_REFERENCES_H_
#define MLSPEC_VALIDATE_REFERENCES_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/text.h"

namespace mlspec {

// The keys of a name-keyed map, for DidYouMean and listings.
std::vector<std::string_view> Keys(const auto& map) {
  std::vector<std::string_view> v;
  for (const auto& [k, _] : map) v.push_back(k);
  return v;
}

// "undefined pool `gpu`; did you mean `gpu-a100`?", or the defined names.
std::string Undefined(std::string_view what, const std::string& name, const std::vector<std::string_view>& defined);

}  // namespace mlspec

#endif  // MLSPEC_VALIDATE_REFERENCES_H_
