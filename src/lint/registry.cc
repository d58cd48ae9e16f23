#include "lint/registry.h"

#include <algorithm>

#include "lint/rules/rules.h"

namespace mlspec::lint {

namespace {

// Sorted by id; registry_test.cc checks the order. Add new rules here.
const Rule* const kRules[] = {
    &CpuLimitMissingRule(),
    &CpuRequestMissingRule(),
    &DeprecatedApiRule(),
    &GpuCountExceedsNodeRule(),
    &GpuCpuMemoryUnsetRule(),
    &GpuDaemonsetRequestRule(),
    &GpuFractionalRule(),
    &GpuInInitContainerRule(),
    &GpuLimitMissingRule(),
    &GpuNodeSelectorMissingRule(),
    &GpuRequestLimitMismatchRule(),
    &GpuResourceNameUnknownRule(),
    &GpuTolerationMissingRule(),
    &GpuTolerationWithoutGpuRule(),
    &GpuVisibleDevicesOverrideRule(),
    &HostNetworkPidRule(),
    &HpaCpuMetricOnGpuWorkloadRule(),
    &HpaMinReplicasZeroRule(),
    &HpaTargetMissingRule(),
    &HpaTargetsInferenceserviceRule(),
    &ImageTagLatestRule(),
    &JobDeadlineMissingRule(),
    &JobRestartPolicyInvalidRule(),
    &JobTtlMissingRule(),
    &MemoryLimitMissingRule(),
    &MemoryRequestMissingRule(),
    &MigProfileUnavailableRule(),
    &NamespaceQuotaExceededRule(),
    &NamespaceUnknownRule(),
    &NoPoolMatchesRule(),
    &PdbBlocksEvictionRule(),
    &PdbSelectsNothingRule(),
    &PrivilegeEscalationAllowedRule(),
    &PrivilegedContainerRule(),
    &PytorchjobNprocMismatchRule(),
    &ReadinessProbeMissingRule(),
    &RequestExceedsLimitRule(),
    &ResourcesExceedNodeRule(),
    &RunAsRootRule(),
    &RwoVolumeSharedRule(),
    &SelectorMismatchRule(),
    &ServiceSelectsNothingRule(),
    &ServingParallelismMismatchRule(),
    &ShmExceedsMemoryLimitRule(),
    &ShmMissingRule(),
    &ShmSizeUnboundedRule(),
    &ShmViaHostRule(),
    &StartupProbeMissingRule(),
    &TaintNotToleratedRule(),
    &TimeSlicingMultiGpuRule(),
};

}  // namespace

std::span<const Rule* const> AllRules() { return kRules; }

const Rule* FindRule(std::string_view id) {
  auto it = std::lower_bound(std::begin(kRules), std::end(kRules), id,
                             [](const Rule* r, std::string_view v) { return r->info().id < v; });
  return it != std::end(kRules) && (*it)->info().id == id ? *it : nullptr;
}

}  // namespace mlspec::lint
