// Rule `cpu-limit-missing`: A container without a CPU limit (off by default).
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
    .id = "cpu-limit-missing",
    .default_severity = Severity::kInfo,
    .category = Category::kHygiene,
    .summary = "A container without a CPU limit (off by default).",
    .rationale = "CPU limits cap bursts and keep noisy neighbours in check, but they also cause CFS throttling of latency-sensitive work, so many teams leave them off; enable this rule where your policy requires them.",
    .fix = "Set resources.limits.cpu.",
    .bad_example = "resources:\n  requests:\n    cpu: \"1\"",
    .good_example = "resources:\n  limits:\n    cpu: \"2\"",
    .enabled_by_default = false,
    .needs_spec = false,
};

class CpuLimitMissing final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
  const Document& d = c.doc;
  if (LimitRangeDefault(c.spec, c.obj.ns, true, true)) return;
  for (const PodTemplate& t : c.obj.templates) {
    for (const ContainerRef& ct : t.containers) {
      if (ct.init) continue;
      if (d.Get(Limits(d, ct.node), "cpu") != kNoNode) continue;
      c.out.Report(kInfo, ct.node, ct.path,
                   c.obj.Display() + ": container " + Quote(ContainerName(d, ct)) +
                       " sets no cpu limit; set resources.limits.cpu");
    }
  }
  }
};

}  // namespace

const Rule& CpuLimitMissingRule() {
  static const CpuLimitMissing rule;
  return rule;
}

}  // namespace mlspec::lint
