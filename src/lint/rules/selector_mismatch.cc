// Rule `selector-mismatch`: A controller's selector does not match its pod template's labels.
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
    .id = "selector-mismatch",
    .default_severity = Severity::kError,
    .category = Category::kHygiene,
    .summary = "A controller's selector does not match its pod template's labels.",
    .rationale =
        "For Deployments, StatefulSets, ReplicaSets and DaemonSets (apps/v1) `spec.selector` is required and must "
        "match `spec.template.metadata.labels`; the API server rejects the object otherwise.",
    .fix = "Make spec.selector.matchLabels a subset of spec.template.metadata.labels.",
    .bad_example = "selector:\n  matchLabels: {app: trainer}\ntemplate:\n  metadata:\n    labels: {app: train}",
    .good_example = "selector:\n  matchLabels: {app: trainer}\ntemplate:\n  metadata:\n    labels: {app: trainer}",
    .enabled_by_default = true,
    .needs_spec = false,
};

class SelectorMismatch final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    std::string_view k = c.obj.kind;
    if (c.obj.api_group != "apps" || c.obj.templates.empty()) return;
    if (k != "Deployment" && k != "StatefulSet" && k != "ReplicaSet" && k != "DaemonSet") return;
    const PodTemplate& t = c.obj.templates[0];
    NodeId sel = d.Get(c.obj.spec, "selector");
    if (sel == kNoNode) {
      c.out.Report(kInfo, d.KeyNode(c.obj.root, "spec"), c.obj.path_prefix + "spec.selector",
                   c.obj.Display() + ": spec.selector is required in apps/v1");
      return;
    }
    NodeId labels = d.Get(t.meta, "labels");
    NodeId ml = d.Get(sel, "matchLabels");
    for (uint32_t i = 0; d.IsMap(ml) && i < d.Size(ml); ++i) {
      std::string_view key = d.Text(d.KeyAt(ml, i));
      NodeId v = d.Get(labels, key);
      if (v != kNoNode && d.Text(v) == d.Text(d.ValueAt(ml, i))) continue;
      c.out.Report(kInfo, d.KeyAt(ml, i), c.obj.path_prefix + "spec.selector.matchLabels",
                   c.obj.Display() + ": selector " + std::string(key) + "=" + std::string(d.Text(d.ValueAt(ml, i))) +
                       " does not match the pod template's labels; the API server rejects it");
      return;
    }
  }
};

}  // namespace

const Rule& SelectorMismatchRule() {
  static const SelectorMismatch rule;
  return rule;
}

}  // namespace mlspec::lint
