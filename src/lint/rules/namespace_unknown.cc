// Rule `namespace-unknown`: An object names a namespace the cluster does not have.
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
    .id = "namespace-unknown",
    .default_severity = Severity::kWarning,
    .category = Category::kCluster,
    .summary = "An object names a namespace the cluster does not have.",
    .rationale =
        "Applying an object into a namespace that neither the spec nor the manifests create fails (`namespaces \"x\" "
        "not found`), and ArgoCD syncs stay degraded.",
    .fix = "Add the namespace to the spec's [namespaces.*] (or create it), or fix the typo.",
    .bad_example = "metadata:\n  namespace: ml-trainig",
    .good_example = "metadata:\n  namespace: ml-training",
    .enabled_by_default = true,
    .needs_spec = true,
};

class NamespaceUnknown final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void CheckCorpus(const CorpusContext& c) const override {
    if (!c.spec) return;
    static constexpr std::string_view kSystem[] = {"default", "kube-system", "kube-public", "kube-node-lease"};
    for (const NamespaceUse& u : c.corpus.namespace_uses) {
      if (c.spec->namespaces.count(u.ns)) continue;
      // ArgoCD's own namespace exists wherever the spec's [gitops] points.
      if (c.spec->gitops && c.spec->gitops->argocd_namespace == u.ns) continue;
      if (std::find(std::begin(kSystem), std::end(kSystem), u.ns) != std::end(kSystem)) continue;
      if (std::find(c.corpus.namespaces_defined.begin(), c.corpus.namespaces_defined.end(), u.ns) !=
          c.corpus.namespaces_defined.end())
        continue;
      std::vector<std::string_view> names;
      for (const auto& [n, ns] : c.spec->namespaces) names.push_back(n);
      std::string msg = u.display + ": namespace " + Quote(u.ns) +
                        " is neither in the spec nor "
                        "created by these manifests";
      if (auto s = DidYouMean(u.ns, names)) msg += "; did you mean " + Quote(*s) + "?";
      c.out.Report(kInfo, u.loc, u.display, "metadata.namespace", msg, u.suppress);
    }
  }
};

}  // namespace

const Rule& NamespaceUnknownRule() {
  static const NamespaceUnknown rule;
  return rule;
}

}  // namespace mlspec::lint
