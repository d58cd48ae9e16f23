// One accessor per rule (src/lint/rules/<rule_id>.cc), listed by id.
#ifndef MLSPEC_POLICIES_RULES_RULES_H_
#define MLSPEC_POLICIES_RULES_RULES_H_

#include "lint/rule.h"

namespace mlspec::lint {

const Rule& CpuLimitMissingRule();
const Rule& CpuRequestMissingRule();
const Rule& DeprecatedApiRule();
const Rule& GpuCountExceedsNodeRule();
const Rule& GpuCpuMemoryUnsetRule();
const Rule& GpuDaemonsetRequestRule();
const Rule& GpuFractionalRule();
const Rule& GpuInInitContainerRule();
const Rule& GpuLimitMissingRule();
const Rule& GpuNodeSelectorMissingRule();
const Rule& GpuRequestLimitMismatchRule();
const Rule& GpuResourceNameUnknownRule();
const Rule& GpuTolerationMissingRule();
const Rule& GpuTolerationWithoutGpuRule();
const Rule& GpuVisibleDevicesOverrideRule();
const Rule& HostNetworkPidRule();
const Rule& HpaCpuMetricOnGpuWorkloadRule();
const Rule& HpaMinReplicasZeroRule();
const Rule& HpaTargetMissingRule();
const Rule& HpaTargetsInferenceserviceRule();
const Rule& ImageTagLatestRule();
const Rule& JobDeadlineMissingRule();
const Rule& JobRestartPolicyInvalidRule();
const Rule& JobTtlMissingRule();
const Rule& MemoryLimitMissingRule();
const Rule& MemoryRequestMissingRule();
const Rule& MigProfileUnavailableRule();
const Rule& NamespaceQuotaExceededRule();
const Rule& NamespaceUnknownRule();
const Rule& NoPoolMatchesRule();
const Rule& PdbBlocksEvictionRule();
const Rule& PdbSelectsNothingRule();
const Rule& PrivilegeEscalationAllowedRule();
const Rule& PrivilegedContainerRule();
const Rule& PytorchjobNprocMismatchRule();
const Rule& ReadinessProbeMissingRule();
const Rule& RequestExceedsLimitRule();
const Rule& ResourcesExceedNodeRule();
const Rule& RunAsRootRule();
const Rule& RwoVolumeSharedRule();
const Rule& SelectorMismatchRule();
const Rule& ServiceSelectsNothingRule();
const Rule& ServingParallelismMismatchRule();
const Rule& ShmExceedsMemoryLimitRule();
const Rule& ShmMissingRule();
const Rule& ShmSizeUnboundedRule();
const Rule& ShmViaHostRule();
const Rule& StartupProbeMissingRule();
const Rule& TaintNotToleratedRule();
const Rule& TimeSlicingMultiGpuRule();

}  // namespace mlspec::lint

#endif  // MLSPEC_POLICIES_RULES_RULES_H_
