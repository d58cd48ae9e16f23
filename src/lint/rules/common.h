// Helpers shared by the rule files.
#ifndef MLSPEC_POLICIES_RULES_COMMON_H_
#define MLSPEC_POLICIES_RULES_COMMON_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/quantity.h"
#include "base/text.h"
#include "lint/rule.h"
#include "lint/workload.h"
#include "model/model.h"

namespace mlspec::lint {

// `name` of a container, or its path when it has none.
std::string ContainerName(const Document& doc, const ContainerRef& c);
// A pod that gets GPUs: a GPU resource (device plugins, the GPU-sharing
// ones included, or a placeholder count) or a DRA claim of a GPU device class.
bool IsGpuPod(const Document& doc, const PodTemplate& t);
// How an IsGpuPod pod gets its GPUs, for messages, when not by a plain count:
// " (`$GPUS`, a placeholder; counted as a GPU pod)" or " (through DRA claim
// `gpu`: ResourceClaimTemplate one-gpu, device class gpu.nvidia.com)"; empty
// for a count.
std::string GpuAskNote(const Document& doc, const PodTemplate& t);
// For a container whose GPU count is a placeholder: " (GPUs `$GPUS`, a
// placeholder)"; else empty.
std::string ContainerGpuNote(const Document& doc, NodeId container);
// Whole GPUs (nvidia.com/gpu, amd.com/gpu, nvidia.com/gpu.shared) of a pod.
int64_t PodWholeGpus(const Document& doc, const PodTemplate& t);
// A taint about GPUs: its key or value mentions "gpu".
bool IsGpuTaint(const Taint& t);
// GKE's ExtendedResourceToleration admission adds the nvidia.com/gpu
// toleration to pods that request GPUs
// (https://cloud.google.com/kubernetes-engine/docs/how-to/gpus).
bool ClusterAddsGpuToleration(const Model* spec, const LintConfig& config);
// Taints of `pool` (NoSchedule/NoExecute) the pod does not tolerate.
std::vector<const Taint*> UntoleratedTaints(const Pool& pool, const std::vector<Toleration>& tols);
std::string PoolNames(const std::vector<const Pool*>& pools);
// The pod's nodeSelector / affinity anchor, else its spec.
NodeId PodAnchor(const Document& doc, const PodTemplate& t);
// The first key node naming a resource in a container's limits (else requests).
NodeId ResourceKey(const Document& doc, NodeId container, std::string_view res);

// DefaultedField mask of what the spec's LimitRange for namespace `ns`
// defaults (`default_limit`, `default_request`); 0 without a spec.
uint8_t SpecNamespaceDefaults(const Model* spec, std::string_view ns);

// Whether gpu-cpu-memory-unset runs: it then owns the CPU request and memory
// limit of GPU containers, and cpu-request-missing / memory-limit-missing
// leave them alone (one problem, one finding).
bool GpuRuleOwnsGpuContainers(const LintConfig& config);

// The four *-request-missing / *-limit-missing rules: reports every regular
// container that sets no `resource` ("cpu" or "memory") limit (`limit`) or
// request (a limit counts: Kubernetes defaults the request to it), unless a
// LimitRange of the namespace supplies the default: the spec's (under
// --spec) or one among the linted manifests.
void ReportMissingResource(const CheckContext& c, const RuleInfo& info, std::string_view resource, bool limit);

// job-deadline-missing / job-ttl-missing: reports a GPU batch job (Job,
// Kubeflow training jobs, JobSet, Volcano Job, RayJob, Trainer v2 TrainJob
// (deadline only)) whose policy object
// lacks activeDeadlineSeconds (when `deadline`) or else
// ttlSecondsAfterFinished; `consequence` ends the message.
void ReportMissingJobField(const CheckContext& c, const RuleInfo& info, bool deadline, std::string_view consequence);

// Whether every label of `sel` is in `labels`.
bool LabelsSubset(const Labels& sel, const Labels& labels);

// service-selects-nothing / pdb-selects-nothing: reports each selector (of
// the linted namespaces that define workloads) matching no workload's pod
// labels; `consequence` ends the message.
void ReportSelectsNothing(const CorpusContext& c, const RuleInfo& info, const std::vector<SelectorSummary>& selectors,
                          std::string_view consequence);

// Whether a container runs a deep-learning framework, launcher or inference
// server that moves tensors through shared memory and NCCL/MPI: by its image,
// command and args (PyTorch, TensorFlow, JAX, Horovod, DeepSpeed, Megatron,
// NeMo, ColossalAI, PaddlePaddle, MXNet, torchrun, `accelerate launch`,
// mpirun/mpiexec, MPI Operator images, vLLM, TGI, Triton, SGLang,
// TensorRT-LLM, LMDeploy) or by the NCCL_*, HOROVOD_* and OMPI_* variables
// of its env.
bool RunsDeepLearningFramework(const Document& doc, NodeId container);

// The words of a container's command and args, each item split at blanks
// (so `sh -c "torchrun --nproc-per-node 4 ..."` gives its flags too);
// `nodes`, when given, gets the item each word comes from.
std::vector<std::string_view> CommandWords(const Document& doc, NodeId container, std::vector<NodeId>* nodes = nullptr);

// For GPU rules: the ISO-ish "N GPU(s)".
std::string Gpus(int64_t n);
std::string FormatBytes(int64_t bytes);

}  // namespace mlspec::lint

#endif  // MLSPEC_POLICIES_RULES_COMMON_H_
