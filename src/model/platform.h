// The platform components a compiled tree depends on: which the objects it
// emits need (a kind's controller and CRDs, a webhook's certificates), which
// of them the tree installs itself, and which the spec declares as provided
// by the cluster ([platform] provided). Resolve adds the namespaces of what
// is installed, the component table installs it, validate/platform checks
// that every need is met, and the README lists what the cluster provides.
#ifndef MLSPEC_MODEL_PLATFORM_H_
#define MLSPEC_MODEL_PLATFORM_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "model/model.h"

namespace mlspec {

enum class Prerequisite {
  kCertManager,
  kKServe,
  kKnativeServing,
  kPrometheusOperator,
  kKeda,
  kTrainingOperator,
  kGatewayApi,
  kClusterAutoscaler,
  kKueue,
};

// The ids of [platform] provided, in the order above: "cert-manager", ...
const std::vector<std::string_view>& PrerequisiteIds();
std::string_view PrerequisiteId(Prerequisite p);
std::optional<Prerequisite> ParsePrerequisite(std::string_view id);

// What a component is, for people ("cert-manager (certificates for KServe's
// webhooks)"), and the kubectl command that shows it is installed.
std::string_view PrerequisiteWhat(Prerequisite p);
std::string_view PrerequisiteCheck(Prerequisite p);

// Something the tree emits that needs a component, and the spec line it
// comes from.
struct Need {
  Prerequisite what;
  std::string who;  // "[inference.mnist]", "[gpu_operator] `service_monitor`"
  std::string why;  // "its ServiceMonitor is a Prometheus Operator kind"
  SourceLoc loc;
};

// Every need of the model's objects, in spec order of the sections.
std::vector<Need> Needs(const Model& model);

bool IsProvided(const Model& model, Prerequisite p);
// True when the tree installs `p`: something needs it, the spec does not
// declare it provided, and mlspec has a pinned chart for it (the Prometheus
// Operator: with kube-prometheus-stack, when [monitoring] asks for it).
bool Installs(const Model& model, Prerequisite p);
// The namespace the tree installs `p` into.
std::string InstallNamespace(const Model& model, Prerequisite p);

// Whether the tree emits GPU alerts and the GPU dashboard: [monitoring] and
// at least one GPU pool.
bool HasGpuMonitoring(const Model& model);

// Where KEDA's Prometheus trigger reads: [monitoring] prometheus_url, or the
// Prometheus the tree installs. Empty when neither.
std::string PrometheusUrl(const Model& model);

}  // namespace mlspec

#endif  // MLSPEC_MODEL_PLATFORM_H_
