// Rule `hpa-targets-inferenceservice`: An HPA targets a KServe InferenceService or its predictor.
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
    .id = "hpa-targets-inferenceservice",
    .default_severity = Severity::kWarning,
    .category = Category::kCrossDocument,
    .summary = "An HPA targets a KServe InferenceService or its predictor.",
    .rationale =
        "KServe autoscales an InferenceService itself (Knative KPA, or an HPA it creates in RawDeployment mode, "
        "configured by minReplicas/maxReplicas/scaleMetric). A second HPA fights it over the replica count.",
    .fix =
        "Delete the HPA; set `minReplicas`, `maxReplicas`, `scaleTarget` and `scaleMetric` on the InferenceService "
        "component.",
    .bad_example = "scaleTargetRef:\n  kind: InferenceService\n  name: llm",
    .good_example = "# spec.predictor.minReplicas / maxReplicas / scaleMetric on the InferenceService",
    .enabled_by_default = true,
    .needs_spec = false,
};

class HpaTargetsInferenceservice final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void CheckCorpus(const CorpusContext& c) const override {
    for (const HpaSummary& h : c.corpus.hpas) {
      bool hit = h.target_kind == "InferenceService";
      if (!hit && h.target_kind == "Deployment") {
        // KServe names the predictor Deployment NAME-predictor(-default).
        std::string_view t = h.target_name;
        for (std::string_view suffix : {"-predictor", "-predictor-default"}) {
          if (!hit && t.ends_with(suffix)) {
            hit = c.corpus.HasInferenceService(h.ns, t.substr(0, t.size() - suffix.size()));
          }
        }
      }
      if (!hit) continue;
      c.out.Report(kInfo, h.target_loc, h.display, "spec.scaleTargetRef",
                   h.display +
                       ": targets an InferenceService (or its predictor), which KServe "
                       "autoscales itself; the two fight. Remove the HPA and set min/maxReplicas on "
                       "the InferenceService",
                   h.suppress);
    }
  }
};

}  // namespace

const Rule& HpaTargetsInferenceserviceRule() {
  static const HpaTargetsInferenceservice rule;
  return rule;
}

}  // namespace mlspec::lint
