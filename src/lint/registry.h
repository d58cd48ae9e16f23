// Every rule, in one explicit table sorted by id (registry.cc).
#ifndef MLSPEC_POLICIES_REGISTRY_H_
#define MLSPEC_POLICIES_REGISTRY_H_

#include <span>
#include <string_view>

#include "lint/rule.h"

namespace mlspec::lint {

// All rules, sorted by id.
std::span<const Rule* const> AllRules();
// The rule with `id`, or null.
const Rule* FindRule(std::string_view id);

}  // namespace mlspec::lint

#endif  // MLSPEC_POLICIES_REGISTRY_H_
