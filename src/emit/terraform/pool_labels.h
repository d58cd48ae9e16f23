// Which of a pool's labels and taints the Terraform module declares, and
// which the cloud adds by itself. The two together are exactly the pool's
// effective_labels / effective_taints (spec/normalize.h), the model every
// workload emitter selects and tolerates — a test holds them to that.
#ifndef MLSPEC_EMIT_TERRAFORM_POOL_LABELS_H_
#define MLSPEC_EMIT_TERRAFORM_POOL_LABELS_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"

namespace mlspec {

// Labels the Terraform resource declares for `pool`: the spec's own, the ones
// mlspec sets (mlspec.io/pool; on AKS and EKS the device-plugin / MIG config
// labels of a shared GPU pool) and, on AKS spot pools, the
// kubernetes.azure.com/scalesetpriority=spot label AKS adds anyway (declared
// so that Terraform shows no drift). Never a label the cloud reserves.
std::map<std::string, std::string> TerraformLabels(const Spec& spec, const Pool& pool);

// Taints the Terraform resource declares: the spec's own and, on AKS spot
// pools, kubernetes.azure.com/scalesetpriority=spot:NoSchedule.
std::vector<Taint> TerraformTaints(const Spec& spec, const Pool& pool);

// Labels and taints the cloud puts on the pool's nodes by itself, which the
// module must not declare: GKE's cloud.google.com/* labels and its
// nvidia.com/gpu=present:NoSchedule taint on GPU pools, EKS's
// eks.amazonaws.com/* labels, AKS's agentpool and accelerator labels.
std::map<std::string, std::string> CloudAddedLabels(const Spec& spec, const Pool& pool);
std::vector<Taint> CloudAddedTaints(const Spec& spec, const Pool& pool);

// True when `provider`'s node-pool API reserves the label key `key` for
// itself (rejects it, or owns it), so Terraform must not declare it.
bool IsCloudReservedLabel(Provider provider, std::string_view key);

}  // namespace mlspec

#endif  // MLSPEC_EMIT_TERRAFORM_POOL_LABELS_H_
