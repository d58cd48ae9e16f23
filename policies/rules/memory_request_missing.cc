// Rule `memory-request-missing`: A container without a memory request.
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
    .id = "memory-request-missing",
    .default_severity = Severity::kWarning,
    .category = Category::kHygiene,
    .summary = "A container without a memory request.",
    .rationale = "Without a memory request the scheduler assumes the pod needs none, overpacks the node, and the pod is the first evicted under memory pressure (BestEffort/Burstable QoS).",
    .fix = "Set resources.requests.memory.",
    .bad_example = "resources: {}",
    .good_example = "resources:\n  requests:\n    memory: 1Gi",
    .enabled_by_default = true,
    .needs_spec = false,
};

class MemoryRequestMissing final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
  const Document& d = c.doc;
  if (LimitRangeDefault(c.spec, c.obj.ns, false, false)) return;
  for (const PodTemplate& t : c.obj.templates) {
    for (const ContainerRef& ct : t.containers) {
      if (ct.init) continue;
      if (d.Get(Requests(d, ct.node), "memory") != kNoNode || d.Get(Limits(d, ct.node), "memory") != kNoNode) continue;
      c.out.Report(kInfo, ct.node, ct.path,
                   c.obj.Display() + ": container " + Quote(ContainerName(d, ct)) +
                       " sets no memory request; set resources.requests.memory");
    }
  }
  }
};

}  // namespace

const Rule& MemoryRequestMissingRule() {
  static const MemoryRequestMissing rule;
  return rule;
}

}  // namespace mlspec::lint
