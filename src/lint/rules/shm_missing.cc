// Rule `shm-missing`: A deep-learning GPU container without a memory-backed /dev/shm.
#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <string>

#include "lint/rules/common.h"
#include "lint/rules/rules.h"

namespace mlspec::lint {

namespace {
// True when `volume` is an emptyDir with medium Memory.
bool IsMemoryEmptyDir(const Document& d, NodeId volume) {
  return d.Text(d.GetPath(volume, "emptyDir.medium")) == "Memory";
}
}  // namespace

namespace {

constexpr RuleInfo kInfo{
    .id = "shm-missing",
    .default_severity = Severity::kWarning,
    .category = Category::kShm,
    .summary = "A deep-learning GPU container without a memory-backed /dev/shm.",
    .rationale =
        "Container runtimes give /dev/shm 64 MiB by default (Docker's `--shm-size` default; containerd and CRI-O use "
        "the same 64 MiB). PyTorch DataLoader workers, NCCL and inference servers (Triton, vLLM, TGI) pass tensors "
        "through shared memory and die with `Bus error` or hang when it runs out. Checked for GPU containers running a "
        "deep-learning framework, launcher or server (by image, command and args: PyTorch, TensorFlow, JAX, Horovod, "
        "DeepSpeed, Megatron, NeMo, ColossalAI, PaddlePaddle, MXNet, torchrun, `accelerate launch`, mpirun/mpiexec, "
        "MPI Operator images, vLLM, TGI, Triton, SGLang, TensorRT-LLM, LMDeploy; or by NCCL_*, HOROVOD_* or OMPI_* "
        "variables in its env), for PyTorchJobs, and for every multi-GPU pod; not for the Ray container "
        "(the first) of KubeRay's RayCluster, RayJob and RayService pods, which KubeRay gives a memory-backed "
        "/dev/shm itself.",
    .fix = "Mount an `emptyDir: {medium: Memory, sizeLimit: ...}` volume at /dev/shm.",
    .bad_example =
        "containers:\n- name: train\n  image: pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime\n  resources:\n    "
        "limits:\n      nvidia.com/gpu: 1",
    .good_example =
        "volumes:\n- name: dshm\n  emptyDir:\n    medium: Memory\n    sizeLimit: 8Gi\ncontainers:\n- name: train\n  "
        "image: pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime\n  volumeMounts:\n  - name: dshm\n    mountPath: "
        "/dev/shm\n  resources:\n    limits:\n      nvidia.com/gpu: 1",
    .enabled_by_default = true,
    .needs_spec = false,
};

class ShmMissing final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    for (const PodTemplate& t : c.obj.templates) {
      if (t.spec == kNoNode || t.shm_mounted) continue;  // the operator mounts one (DiscoverTemplates)
      bool multi = PodGpus(d, t) > 1;
      for (const ContainerRef& ct : t.containers) {
        if (ct.init || ContainerGpus(d, ct.node) == 0) continue;
        // KubeRay's BuildPod mounts a memory-backed emptyDir at /dev/shm into
        // the Ray container (containers[0]) of every head and worker pod it
        // creates (ray-project/kuberay, ray-operator/controllers/ray/common/
        // pod.go: addEmptyDir(..., SharedMemoryVolumeMountPath,
        // corev1.StorageMediumMemory)); other containers get none.
        if (c.obj.api_group == "ray.io" && d.Item(d.Get(t.spec, "containers"), 0) == ct.node) continue;
        bool framework = RunsDeepLearningFramework(d, ct.node);
        if (!framework && !multi && c.obj.kind != "PyTorchJob") continue;
        NodeId vol = MountedVolume(d, t.spec, ct.node, "/dev/shm");
        if (vol != kNoNode && IsMemoryEmptyDir(d, vol)) continue;
        if (vol != kNoNode && d.GetPath(vol, "hostPath.path") != kNoNode) continue;  // shm-via-host
        if (d.Bool(d.Get(t.spec, "hostIPC")).value_or(false)) continue;
        c.out.Report(kInfo, ct.node, ct.path,
                     c.obj.Display() + ": GPU container " + Quote(ContainerName(d, ct)) + ContainerGpuNote(d, ct.node) +
                         " has no memory-backed /dev/shm; the 64 MiB default makes DataLoader "
                         "workers and NCCL die with a bus error. Mount an emptyDir "
                         "{medium: Memory, sizeLimit: ...} at /dev/shm");
      }
    }
  }
};

}  // namespace

const Rule& ShmMissingRule() {
  static const ShmMissing rule;
  return rule;
}

}  // namespace mlspec::lint
