// Rule `deprecated-api`: An apiVersion that current Kubernetes no longer serves.
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
    .id = "deprecated-api",
    .default_severity = Severity::kError,
    .category = Category::kHygiene,
    .summary = "An apiVersion that current Kubernetes no longer serves.",
    .rationale =
        "The API server rejects objects whose apiVersion was removed. Removals per the Kubernetes deprecation guide "
        "(https://kubernetes.io/docs/reference/using-api/deprecation-guide/): extensions/v1beta1 and apps/v1beta1, "
        "apps/v1beta2 workloads (1.16); networking.k8s.io/v1beta1 Ingress, "
        "rbac/apiextensions/admissionregistration/scheduling/certificates/coordination v1beta1 (1.22); batch/v1beta1 "
        "CronJob, policy/v1beta1 PodDisruptionBudget and PodSecurityPolicy, autoscaling/v2beta1, "
        "discovery.k8s.io/v1beta1, events.k8s.io/v1beta1, node.k8s.io/v1beta1 (1.25); autoscaling/v2beta2, flowcontrol "
        "v1beta1 (1.26); storage.k8s.io/v1beta1 CSIStorageCapacity (1.27); flowcontrol v1beta2 (1.29); flowcontrol "
        "v1beta3 (1.32).",
    .fix = "Use the stable apiVersion (apps/v1, batch/v1, policy/v1, autoscaling/v2, networking.k8s.io/v1, ...).",
    .bad_example = "apiVersion: batch/v1beta1\nkind: CronJob",
    .good_example = "apiVersion: batch/v1\nkind: CronJob",
    .enabled_by_default = true,
    .needs_spec = false,
};

class DeprecatedApi final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    struct Removed {
      std::string_view api, kind, replacement, since;
    };
    static constexpr Removed kRemoved[] = {
        {"extensions/v1beta1", "", "apps/v1 / networking.k8s.io/v1", "1.16/1.22"},
        {"apps/v1beta1", "", "apps/v1", "1.16"},
        {"apps/v1beta2", "", "apps/v1", "1.16"},
        {"networking.k8s.io/v1beta1", "", "networking.k8s.io/v1", "1.22"},
        {"rbac.authorization.k8s.io/v1beta1", "", "rbac.authorization.k8s.io/v1", "1.22"},
        {"apiextensions.k8s.io/v1beta1", "", "apiextensions.k8s.io/v1", "1.22"},
        {"admissionregistration.k8s.io/v1beta1", "", "admissionregistration.k8s.io/v1", "1.22"},
        {"scheduling.k8s.io/v1beta1", "", "scheduling.k8s.io/v1", "1.22"},
        {"certificates.k8s.io/v1beta1", "", "certificates.k8s.io/v1", "1.22"},
        {"coordination.k8s.io/v1beta1", "", "coordination.k8s.io/v1", "1.22"},
        {"storage.k8s.io/v1beta1", "CSIDriver", "storage.k8s.io/v1", "1.22"},
        {"storage.k8s.io/v1beta1", "StorageClass", "storage.k8s.io/v1", "1.22"},
        {"storage.k8s.io/v1beta1", "VolumeAttachment", "storage.k8s.io/v1", "1.22"},
        {"storage.k8s.io/v1beta1", "CSIStorageCapacity", "storage.k8s.io/v1", "1.27"},
        {"batch/v1beta1", "CronJob", "batch/v1", "1.25"},
        {"batch/v2alpha1", "", "batch/v1", "1.21"},
        {"policy/v1beta1", "", "policy/v1", "1.25"},
        {"autoscaling/v2beta1", "", "autoscaling/v2", "1.25"},
        {"autoscaling/v2beta2", "", "autoscaling/v2", "1.26"},
        {"discovery.k8s.io/v1beta1", "", "discovery.k8s.io/v1", "1.25"},
        {"events.k8s.io/v1beta1", "", "events.k8s.io/v1", "1.25"},
        {"node.k8s.io/v1beta1", "", "node.k8s.io/v1", "1.25"},
        {"flowcontrol.apiserver.k8s.io/v1beta1", "", "flowcontrol.apiserver.k8s.io/v1", "1.26"},
        {"flowcontrol.apiserver.k8s.io/v1beta2", "", "flowcontrol.apiserver.k8s.io/v1", "1.29"},
        {"flowcontrol.apiserver.k8s.io/v1beta3", "", "flowcontrol.apiserver.k8s.io/v1", "1.32"},
    };
    for (const Removed& r : kRemoved) {
      if (c.obj.api_version != r.api || (!r.kind.empty() && c.obj.kind != r.kind)) continue;
      c.out.Report(kInfo, c.doc.Get(c.obj.root, "apiVersion"), c.obj.path_prefix + "apiVersion",
                   c.obj.Display() + ": apiVersion " + std::string(r.api) + " was removed in Kubernetes " +
                       std::string(r.since) + "; use " + std::string(r.replacement));
      return;
    }
  }
};

}  // namespace

const Rule& DeprecatedApiRule() {
  static const DeprecatedApi rule;
  return rule;
}

}  // namespace mlspec::lint
