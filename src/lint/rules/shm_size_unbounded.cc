// Rule `shm-size-unbounded`: A memory emptyDir at /dev/shm without sizeLimit.
#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <string>

#include "lint/rules/common.h"
#include "lint/rules/rules.h"

namespace mlspec::lint {

namespace {
// True when `volume` is an emptyDir with medium Memory.
bool IsMemoryEmptyDir(const Document& d, NodeId volume) {
  return d.Text(d.GetPath(volume, "emptyDir.medium")) == "Memory";
}
}  // namespace

namespace {

constexpr RuleInfo kInfo{
    .id = "shm-size-unbounded",
    .default_severity = Severity::kWarning,
    .category = Category::kShm,
    .summary = "A memory emptyDir at /dev/shm without sizeLimit.",
    .rationale =
        "tmpfs pages count against the container's memory cgroup; without `sizeLimit` a runaway writer to /dev/shm "
        "grows until the container is OOM-killed, and the kubelet cannot evict on it.",
    .fix = "Give the emptyDir a `sizeLimit` below the container's memory limit.",
    .bad_example = "- name: dshm\n  emptyDir:\n    medium: Memory",
    .good_example = "- name: dshm\n  emptyDir:\n    medium: Memory\n    sizeLimit: 8Gi",
    .enabled_by_default = true,
    .needs_spec = false,
};

class ShmSizeUnbounded final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    for (const PodTemplate& t : c.obj.templates) {
      if (t.spec == kNoNode) continue;
      std::vector<NodeId> seen;
      for (const ContainerRef& ct : t.containers) {
        NodeId vol = MountedVolume(d, t.spec, ct.node, "/dev/shm");
        if (vol == kNoNode || !IsMemoryEmptyDir(d, vol)) continue;
        if (std::find(seen.begin(), seen.end(), vol) != seen.end()) continue;
        seen.push_back(vol);
        if (d.GetPath(vol, "emptyDir.sizeLimit") != kNoNode) continue;
        c.out.Report(kInfo, d.KeyNode(vol, "emptyDir"), t.path + ".volumes",
                     c.obj.Display() + ": /dev/shm volume " + Quote(d.Text(d.Get(vol, "name"))) +
                         " has no sizeLimit; tmpfs counts against the memory limit. Set "
                         "emptyDir.sizeLimit");
      }
    }
  }
};

}  // namespace

const Rule& ShmSizeUnboundedRule() {
  static const ShmSizeUnbounded rule;
  return rule;
}

}  // namespace mlspec::lint
