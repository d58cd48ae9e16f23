// One preflight Job per GPU pool: runs mlspec-preflight once on each of N
// nodes (one pod per node by required pod anti-affinity on the hostname),
// asking for every GPU of the node, with the expectations of the spec and the
// GPU catalog as arguments. Optionally a second container labels the node
// with the verdict (least privilege: patch on nodes, nothing else).
#include <cstdio>

#include "emit/kubernetes/kubernetes.h"
#include "emit/scheduling.h"
#include "model/workloads.h"
#include "resolve/resolve.h"

namespace mlspec {
namespace {

constexpr int64_t kPreflightUid = 65532;  // "nonroot" in distroless-style images
constexpr char kServiceAccount[] = "mlspec-preflight";
constexpr char kLabelerServiceAccount[] = "mlspec-preflight-labeler";
// kubectl for the labeler sidecar; a shell is needed to wait for the report.
constexpr char kLabelerImage[] = "docker.io/bitnami/kubectl:1.31.4";

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// Peak dense tensor throughput for the GEMM floor: BF16 where supported,
// else FP16 tensor cores, else FP32.
double PeakTflops(const GpuType& g) {
  if (g.bf16_tflops > 0) return g.bf16_tflops;
  if (g.fp16_tflops > 0) return g.fp16_tflops;
  return g.fp32_tflops;
}

const char kLabelerScript[] =
    "set -eu\n"
    "# Wait for the preflight container's JSON report (--report), then label\n"
    "# (and on failure taint) this node. Only nodes get/patch is granted.\n"
    "until grep -Eq '\"result\": *\"(PASS|FAIL)\"' /report/report.json 2>/dev/null; do sleep 2; done\n"
    "if grep -Eq '\"result\": *\"PASS\"' /report/report.json; then\n"
    "  kubectl label node \"$NODE_NAME\" mlspec.io/preflight=pass --overwrite\n"
    "  kubectl taint node \"$NODE_NAME\" mlspec.io/preflight=failed:NoSchedule- 2>/dev/null || true\n"
    "else\n"
    "  kubectl label node \"$NODE_NAME\" mlspec.io/preflight=fail --overwrite\n"
    "  kubectl taint node \"$NODE_NAME\" mlspec.io/preflight=failed:NoSchedule --overwrite\n"
    "fi\n";

}  // namespace

void EmitPreflight(const Model& spec, FileSet& out) {
  if (!spec.preflight) return;
  const Preflight& pf = *spec.preflight;
  const std::string& ns = pf.namespace_name;
  std::vector<Json> access;
  Json sa;
  sa["apiVersion"] = "v1";
  sa["kind"] = "ServiceAccount";
  sa["metadata"] = Metadata(kServiceAccount, ns, "preflight");
  sa["automountServiceAccountToken"] = false;
  access.push_back(sa);
  if (pf.label_nodes) {
    Json lsa;
    lsa["apiVersion"] = "v1";
    lsa["kind"] = "ServiceAccount";
    lsa["metadata"] = Metadata(kLabelerServiceAccount, ns, "preflight");
    access.push_back(lsa);
    Json role;
    role["apiVersion"] = "rbac.authorization.k8s.io/v1";
    role["kind"] = "ClusterRole";
    role["metadata"] = Metadata(kLabelerServiceAccount, "", "preflight");
    role["rules"] = Json::array({{{"apiGroups", Json::array({""})},
                                  {"resources", Json::array({"nodes"})},
                                  {"verbs", Json::array({"get", "patch"})}}});
    access.push_back(role);
    Json binding;
    binding["apiVersion"] = "rbac.authorization.k8s.io/v1";
    binding["kind"] = "ClusterRoleBinding";
    binding["metadata"] = Metadata(kLabelerServiceAccount, "", "preflight");
    binding["roleRef"] = {
        {"apiGroup", "rbac.authorization.k8s.io"}, {"kind", "ClusterRole"}, {"name", kLabelerServiceAccount}};
    binding["subjects"] =
        Json::array({{{"kind", "ServiceAccount"}, {"name", kLabelerServiceAccount}, {"namespace", ns}}});
    access.push_back(binding);
  }
  AddManifest(spec, out, "manifests/preflight/serviceaccount.yaml", access);

  for (const auto& [name, pool] : spec.pools) {
    if (!pool.has_gpu() || !pool.gpu) continue;
    const GpuType& gpu = *pool.gpu;
    const int pods = PreflightPods(spec, pool);
    // Leave the container time to write its report before the deadline.
    const int64_t inner_timeout = std::max<int64_t>(pf.timeout_seconds - 30, 30);
    // The whole node: every GPU of it. On a shared pool the device plugin
    // advertises replicas or MIG slices instead, and refuses requests for more
    // than one (failRequestsGreaterThanOne), so the pod takes one and checks
    // the GPU behind it.
    const bool shared = pool.gpu_sharing.has_value();
    const std::string gpus = std::to_string(PreflightGpus(pool));
    Json args = Json::array({
        "--expect-gpus=" + gpus,
        "--expect-product=" + gpu.product_name,
        "--peak-memory-bandwidth=" + Num(gpu.memory_bandwidth_gbps),
        "--min-memory-bandwidth=" + Num(pf.min_memory_bandwidth),
        "--peak-tflops=" + Num(PeakTflops(gpu)),
        "--min-gemm=" + Num(pf.min_gemm),
        "--timeout=" + std::to_string(inner_timeout),
    });
    // A MIG slice shows a fraction of the memory; the GPU's total applies
    // only to whole GPUs.
    const bool mig = shared && pool.gpu_sharing->strategy == GpuSharing::Strategy::kMig;
    if (!mig) args.insert(args.begin() + 2, "--expect-memory=" + gpu.memory.Canonical());
    Json container = Json::object();
    container["name"] = "preflight";
    container["image"] = pf.image;
    container["args"] = args;
    container["resources"] = {
        {"requests", {{"cpu", kPreflightCpuRequest}, {"memory", kPreflightMemoryRequest}, {"nvidia.com/gpu", gpus}}},
        {"limits", {{"cpu", kPreflightCpuLimit}, {"memory", kPreflightMemoryLimit}, {"nvidia.com/gpu", gpus}}}};
    container["securityContext"] = ContainerSecurityContext(true, kPreflightUid);
    container["terminationMessagePath"] = "/dev/termination-log";
    container["terminationMessagePolicy"] = "FallbackToLogsOnError";
    // A memory-backed /dev/shm as for any multi-GPU pod (CUDA IPC between
    // the GPUs of the node uses it).
    Json mounts = Json::array({{{"name", "tmp"}, {"mountPath", "/tmp"}}, ShmVolumeMount()});
    Json volumes = Json::array({{{"name", "tmp"}, {"emptyDir", {{"sizeLimit", "1Gi"}}}},
                                ShmVolume(Quantity::FromUnits(1LL << 30, Quantity::Format::kBinarySI))});
    Json containers = Json::array();
    if (pf.label_nodes) {
      container["args"].push_back("--report=/report/report.json");
      mounts.push_back({{"name", "report"}, {"mountPath", "/report"}});
      volumes.push_back({{"name", "report"}, {"emptyDir", {{"sizeLimit", "1Mi"}}}});
    }
    container["volumeMounts"] = mounts;
    containers.push_back(container);
    if (pf.label_nodes) {
      Json labeler = Json::object();
      labeler["name"] = "label-node";
      labeler["image"] = kLabelerImage;
      labeler["command"] = Json::array({"/bin/sh", "-c", kLabelerScript});
      labeler["env"] =
          Json::array({{{"name", "NODE_NAME"}, {"valueFrom", {{"fieldRef", {{"fieldPath", "spec.nodeName"}}}}}}});
      labeler["resources"] = {{"requests", {{"cpu", kLabelerCpuRequest}, {"memory", kLabelerMemoryRequest}}},
                              {"limits", {{"cpu", "100m"}, {"memory", "64Mi"}}}};
      labeler["securityContext"] = ContainerSecurityContext(true, 1001);
      labeler["terminationMessagePolicy"] = "FallbackToLogsOnError";
      labeler["volumeMounts"] = Json::array({{{"name", "report"}, {"mountPath", "/report"}, {"readOnly", true}}});
      containers.push_back(labeler);
    }
    Json selector = {{"app.kubernetes.io/name", "mlspec-preflight"}, {"mlspec.io/preflight-pool", name}};
    Json pod = Json::object();
    pod["metadata"]["labels"] = selector;
    pod["spec"]["restartPolicy"] = "Never";
    pod["spec"]["serviceAccountName"] = pf.label_nodes ? kLabelerServiceAccount : kServiceAccount;
    pod["spec"]["automountServiceAccountToken"] = pf.label_nodes;
    pod["spec"]["priorityClassName"] = kPreflightPriorityClass;
    pod["spec"]["nodeSelector"] = PoolNodeSelector(pool);
    Json tolerations = PoolTolerations(pool);
    if (!tolerations.empty()) pod["spec"]["tolerations"] = tolerations;
    pod["spec"]["affinity"]["podAntiAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"] =
        Json::array({{{"labelSelector", {{"matchLabels", selector}}}, {"topologyKey", "kubernetes.io/hostname"}}});
    pod["spec"]["securityContext"] = PodSecurityContext(kPreflightUid);
    pod["spec"]["containers"] = containers;
    pod["spec"]["volumes"] = volumes;

    Json job;
    job["apiVersion"] = "batch/v1";
    job["kind"] = "Job";
    job["metadata"] = Metadata("preflight-" + name, ns, "preflight");
    // Runs when its ArgoCD Application syncs (manually), not on every
    // self-heal: a Sync hook, replaced on each sync.
    job["metadata"]["annotations"] = {{"argocd.argoproj.io/hook", "Sync"},
                                      {"argocd.argoproj.io/hook-delete-policy", "BeforeHookCreation"}};
    job["spec"]["completions"] = pods;
    job["spec"]["parallelism"] = pods;
    job["spec"]["backoffLimit"] = 0;
    job["spec"]["activeDeadlineSeconds"] = pf.timeout_seconds;
    job["spec"]["ttlSecondsAfterFinished"] = 86400;
    job["spec"]["template"] = pod;
    AddManifest(spec, out, "manifests/preflight/job-" + name + ".yaml", {job});
  }
}

}  // namespace mlspec
