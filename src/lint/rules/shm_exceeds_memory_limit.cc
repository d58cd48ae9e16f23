// Rule `shm-exceeds-memory-limit`: /dev/shm sizeLimit at or above the container's memory limit.
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
    .id = "shm-exceeds-memory-limit",
    .default_severity = Severity::kWarning,
    .category = Category::kShm,
    .summary = "/dev/shm sizeLimit at or above the container's memory limit.",
    .rationale =
        "tmpfs pages are charged to the container's memory cgroup, so a /dev/shm as large as the memory limit leaves "
        "the process no room: filling shared memory OOM-kills the container.",
    .fix = "Keep sizeLimit well below the memory limit (or raise the limit).",
    .bad_example = "sizeLimit: 16Gi   # memory limit 16Gi",
    .good_example = "sizeLimit: 4Gi    # memory limit 16Gi",
    .enabled_by_default = true,
    .needs_spec = false,
};

class ShmExceedsMemoryLimit final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    for (const PodTemplate& t : c.obj.templates) {
      if (t.spec == kNoNode) continue;
      for (const ContainerRef& ct : t.containers) {
        NodeId vol = MountedVolume(d, t.spec, ct.node, "/dev/shm");
        if (vol == kNoNode || !IsMemoryEmptyDir(d, vol)) continue;
        NodeId sl = d.GetPath(vol, "emptyDir.sizeLimit");
        auto size = ParseQuantity(d, sl);
        auto lim = ParseQuantity(d, d.Get(Limits(d, ct.node), "memory"));
        if (!size || !lim || *size < *lim) continue;
        c.out.Report(kInfo, sl, t.path + ".volumes",
                     c.obj.Display() + ": /dev/shm sizeLimit " + size->Canonical() + " is at or above container " +
                         Quote(ContainerName(d, ct)) + "'s memory limit " + lim->Canonical() +
                         "; tmpfs counts against it. Lower sizeLimit or raise the limit");
      }
    }
  }
};

}  // namespace

const Rule& ShmExceedsMemoryLimitRule() {
  static const ShmExceedsMemoryLimit rule;
  return rule;
}

}  // namespace mlspec::lint
