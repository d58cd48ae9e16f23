// Rule `gpu-cpu-memory-unset`: A GPU container without a CPU request or memory limit.
#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <string>

#include "lint/rules/common.h"
#include "lint/rules/rules.h"

namespace mlspec::lint {

namespace {

constexpr RuleInfo kInfo{
    .id = "gpu-cpu-memory-unset",
    .default_severity = Severity::kWarning,
    .category = Category::kGpu,
    .summary = "A GPU container without a CPU request or memory limit.",
    .rationale =
        "A GPU container with no CPU request is starved by its neighbours (data loading stalls the GPU), and one with "
        "no memory limit can take the node's memory and be OOM-killed with the GPU's work lost. This rule owns the "
        "CPU request and memory limit of GPU containers: while it runs, `cpu-request-missing` and "
        "`memory-limit-missing` skip them, so one problem gets one finding. A LimitRange of the namespace that "
        "defaults the field (`default` or `defaultRequest` for the CPU request, `default` for the memory limit) "
        "satisfies it: one among the linted manifests, or under `--spec` the namespace's `default_request` / "
        "`default_limit`.",
    .fix = "Set `resources.requests.cpu` and `resources.limits.memory` on GPU containers.",
    .bad_example = "resources:\n  limits:\n    nvidia.com/gpu: 1",
    .good_example =
        "resources:\n  requests:\n    cpu: \"8\"\n    memory: 32Gi\n  limits:\n    memory: 32Gi\n    nvidia.com/gpu: 1",
    .enabled_by_default = true,
    .needs_spec = false,
};

class GpuCpuMemoryUnset final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    const uint8_t spec_defaults = SpecNamespaceDefaults(c.spec, c.obj.ns);
    for (const PodTemplate& t : c.obj.templates) {
      for (const ContainerRef& ct : t.containers) {
        if (ct.partial || ContainerGpus(d, ct.node) == 0) continue;
        bool cpu = d.Get(Requests(d, ct.node), "cpu") != kNoNode || d.Get(Limits(d, ct.node), "cpu") != kNoNode ||
                   (spec_defaults & kCpuRequest);
        bool mem = d.Get(Limits(d, ct.node), "memory") != kNoNode || (spec_defaults & kMemoryLimit);
        if (cpu && mem) continue;
        auto report = [&](std::string_view what, UnlessDefaulted when) {
          c.out.ReportUnlessDefaulted(kInfo, ct.node, ct.path,
                                      c.obj.Display() + ": GPU container " + Quote(ContainerName(d, ct)) + " has no " +
                                          std::string(what) +
                                          "; set them so the GPU is neither starved nor lost to an OOM kill",
                                      when);
        };
        if (!cpu && !mem) {
          // Which of the three stands depends on the linted LimitRanges.
          report("CPU request or memory limit", {kCpuRequest | kMemoryLimit, 0});
          report("CPU request", {kCpuRequest, kMemoryLimit});
          report("memory limit", {kMemoryLimit, kCpuRequest});
        } else if (!cpu) {
          report("CPU request", {kCpuRequest, 0});
        } else {
          report("memory limit", {kMemoryLimit, 0});
        }
      }
    }
  }
};

}  // namespace

const Rule& GpuCpuMemoryUnsetRule() {
  static const GpuCpuMemoryUnset rule;
  return rule;
}

}  // namespace mlspec::lint
