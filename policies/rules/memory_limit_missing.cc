// Rule `memory-limit-missing`: A container without a memory limit.
#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <string>

#include "rules/common.h"
#include "rules/rules.h"

namespace mlspec::lint {

namespace {
// Whether the namespace's LimitRange (from the spec) fills `field` of `which`.
bool LimitRangeDefault(const Spec* spec, std::string_view ns, bool limit, bool cpu) {
  if (!spec) return false;
  auto it = spec->namespaces.find(std::string(ns));
  if (it == spec->namespaces.end()) return false;
  const auto& pair = limit ? it->second.default_limit : it->second.default_request;
  // A LimitRange default limit also becomes the default request.
  const auto& lim = it->second.default_limit;
  if (pair && (cpu ? pair->cpu.has_value() : pair->memory.has_value())) return true;
  return !limit && lim && (cpu ? lim->cpu.has_value() : lim->memory.has_value());
}
}  // namespace

namespace {

constexpr RuleInfo kInfo{
    .id = "memory-limit-missing",
    .default_severity = Severity::kWarning,
    .category = Category::kHygiene,
    .summary = "A container without a memory limit.",
    .rationale = "Without a memory limit a container can take the node's memory; the kernel then OOM-kills processes of other pods (GPU jobs included). With `--spec`, a namespace LimitRange default satisfies the rule.",
    .fix = "Set resources.limits.memory.",
    .bad_example = "resources:\n  requests:\n    memory: 1Gi",
    .good_example = "resources:\n  limits:\n    memory: 1Gi",
    .enabled_by_default = true,
    .needs_spec = false,
};

class MemoryLimitMissing final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
  const Document& d = c.doc;
  if (LimitRangeDefault(c.spec, c.obj.ns, true, false)) return;
  for (const PodTemplate& t : c.obj.templates) {
    for (const ContainerRef& ct : t.containers) {
      if (ct.init) continue;
      if (d.Get(Limits(d, ct.node), "memory") != kNoNode) continue;
      c.out.Report(kInfo, ct.node, ct.path,
                   c.obj.Display() + ": container " + Quote(ContainerName(d, ct)) +
                       " sets no memory limit; set resources.limits.memory");
    }
  }
  }
};

}  // namespace

const Rule& MemoryLimitMissingRule() {
  static const MemoryLimitMissing rule;
  return rule;
}

}  // namespace mlspec::lint
