// Rule `shm-via-host`: Shared memory through hostIPC or a hostPath /dev/shm.
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
    .id = "shm-via-host",
    .default_severity = Severity::kWarning,
    .category = Category::kShm,
    .summary = "Shared memory through hostIPC or a hostPath /dev/shm.",
    .rationale =
        "`hostIPC: true` or a hostPath mount of the node's /dev/shm shares the node's IPC namespace and shared memory "
        "with every other pod there: it leaks data between tenants, escapes memory accounting, and most Pod Security "
        "levels forbid it.",
    .fix = "Use an `emptyDir: {medium: Memory, sizeLimit: ...}` volume at /dev/shm.",
    .bad_example = "hostIPC: true",
    .good_example = "volumes:\n- name: dshm\n  emptyDir:\n    medium: Memory\n    sizeLimit: 8Gi",
    .enabled_by_default = true,
    .needs_spec = false,
};

class ShmViaHost final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    for (const PodTemplate& t : c.obj.templates) {
      if (t.spec == kNoNode) continue;
      if (d.Bool(d.Get(t.spec, "hostIPC")).value_or(false)) {
        c.out.Report(kInfo, d.KeyNode(t.spec, "hostIPC"), t.path + ".hostIPC",
                     c.obj.Display() +
                         ": pod uses hostIPC, sharing the node's shared memory "
                         "with every pod there. Mount an emptyDir {medium: Memory} at /dev/shm "
                         "instead");
      }
      NodeId vols = d.Get(t.spec, "volumes");
      for (uint32_t i = 0; d.IsSeq(vols) && i < d.Size(vols); ++i) {
        NodeId p = d.GetPath(d.Item(vols, i), "hostPath.path");
        std::string_view path = d.Text(p);
        while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
        if (path != "/dev/shm" && path != "/run/shm") continue;
        c.out.Report(kInfo, p, t.path + ".volumes[" + std::to_string(i) + "]",
                     c.obj.Display() + ": volume mounts the node's " + std::string(path) +
                         " through hostPath. Use an emptyDir {medium: Memory} instead");
      }
    }
  }
};

}  // namespace

const Rule& ShmViaHostRule() {
  static const ShmViaHost rule;
  return rule;
}

}  // namespace mlspec::lint
