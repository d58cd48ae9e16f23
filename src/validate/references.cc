#include "validate/references.h"

namespace mlspec {

std::string Undefined(std::string_view what, const std::string& name, const std::vector<std::string_view>& defined) {
  std::string msg = "undefined " + std::string(what) + " " + Quote(name);
  if (auto s = DidYouMean(name, defined)) return msg + "; did you mean " + Quote(*s) + "?";
  if (defined.empty()) return msg + "; none is defined";
  msg += "; defined: ";
  for (size_t i = 0; i < defined.size(); ++i) msg += (i ? ", " : "") + Quote(defined[i]);
  return msg;
}

}  // namespace mlspec
