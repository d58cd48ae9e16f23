// How a pod asks for GPUs: device-plugin resources (including the GPU-sharing
// plugins), quantities written as template placeholders, and Dynamic Resource
// Allocation claims.
#include <algorithm>
#include <cctype>
#include <string>

#include "base/text.h"
#include "lint/workload.h"

namespace mlspec::lint {

namespace {

struct GpuResourceName {
  const char* name;
  GpuResourceKind kind;
};

// Extended resources that GPU device plugins offer, checked against each
// project's source or docs:
//  - NVIDIA k8s-device-plugin: nvidia.com/gpu; nvidia.com/gpu.shared when
//    time-slicing/MPS renames the resource (renameByDefault);
//    nvidia.com/mig-<profile> (mixed MIG strategy, matched by prefix below).
//  - AMD ROCm/k8s-device-plugin: amd.com/gpu.
//  - HAMi (Project-HAMi/HAMi charts/hami/values.yaml: resourceName,
//    resourceMem, resourceMemPercentage, resourceCores): nvidia.com/gpu
//    counts vGPUs; nvidia.com/gpumem, nvidia.com/gpumem-percentage and
//    nvidia.com/gpucores are per-GPU shares. Without nvidia.com/gpu, HAMi's
//    webhook adds `nvidia.com/gpu: <nvidia.defaultGPUNum>` (default 1)
//    when any of the three is set (Project-HAMi/HAMi docs/config.md,
//    `nvidia.defaultGPUNum`).
//  - Volcano vGPU (volcano-sh/volcano pkg/scheduler/plugins/vgpupredicates/
//    vgpuutil/config.go: VolcanovGPUNumber, VolcanovGPUResource;
//    volcano.sh/vgpu-cores in Project-HAMi/volcano-vgpu-device-plugin's
//    examples): vgpu-number counts GPUs, vgpu-memory/vgpu-cores are shares.
//  - Alibaba gpushare (AliyunContainerService/gpushare-scheduler-extender
//    pkg/utils/const.go: ResourceName aliyun.com/gpu-mem, CountName
//    aliyun.com/gpu-count).
//  - Tencent gpu-manager (tkestack/gpu-manager README.md): 100
//    tencent.com/vcuda-core per GPU (a multiple of 100, or below 100 for a
//    fraction of one GPU); tencent.com/vcuda-memory in 256 MiB units.
//  - Intel (intel/intel-device-plugins-for-kubernetes cmd/gpu_plugin/
//    README.md): gpu.intel.com/i915 and gpu.intel.com/xe are GPU instances;
//    the *_monitoring resources give monitoring access to every GPU, no GPU.
constexpr GpuResourceName kGpuResources[] = {
    {"nvidia.com/gpu", GpuResourceKind::kCount},
    {"nvidia.com/gpu.shared", GpuResourceKind::kCount},
    {"amd.com/gpu", GpuResourceKind::kCount},
    {"nvidia.com/gpumem", GpuResourceKind::kShare},
    {"nvidia.com/gpumem-percentage", GpuResourceKind::kShare},
    {"nvidia.com/gpucores", GpuResourceKind::kShare},
    {"volcano.sh/vgpu-number", GpuResourceKind::kCount},
    {"volcano.sh/vgpu-memory", GpuResourceKind::kShare},
    {"volcano.sh/vgpu-cores", GpuResourceKind::kShare},
    {"aliyun.com/gpu-count", GpuResourceKind::kCount},
    {"aliyun.com/gpu-mem", GpuResourceKind::kShare},
    {"tencent.com/vcuda-core", GpuResourceKind::kPercentCores},
    {"tencent.com/vcuda-memory", GpuResourceKind::kShare},
    {"gpu.intel.com/i915", GpuResourceKind::kCount},
    {"gpu.intel.com/xe", GpuResourceKind::kCount},
    {"gpu.intel.com/i915_monitoring", GpuResourceKind::kKnownNoGpu},
    {"gpu.intel.com/xe_monitoring", GpuResourceKind::kKnownNoGpu},
};

std::string Lower(std::string_view s) {
  std::string l(s);
  for (char& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return l;
}

bool IsIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// NAME: a letter or underscore, then letters, digits, underscores (dots and
// dashes too when `loose`).
bool IsName(std::string_view s, bool loose = false) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s) {
    if (!(IsIdentChar(c) || (loose && (c == '.' || c == '-')))) return false;
  }
  return true;
}

bool Enclosed(std::string_view s, std::string_view open, std::string_view close) {
  return s.size() > open.size() + close.size() && s.starts_with(open) && s.ends_with(close);
}

}  // namespace

GpuResourceKind GpuResourceKindOf(std::string_view name) {
  for (const GpuResourceName& r : kGpuResources) {
    if (name == r.name) return r.kind;
  }
  if (name.starts_with("nvidia.com/mig-")) return GpuResourceKind::kCount;
  return GpuResourceKind::kNone;
}

bool IsGpuResource(std::string_view name) {
  GpuResourceKind k = GpuResourceKindOf(name);
  return k != GpuResourceKind::kNone && k != GpuResourceKind::kKnownNoGpu;
}

bool LooksLikeGpuResource(std::string_view name) {
  if (GpuResourceKindOf(name) != GpuResourceKind::kNone) return false;
  return Lower(name).find("gpu") != std::string::npos;
}

// A placeholder is the whole value (surrounding blanks aside), in one of the
// forms that template tools substitute before the manifest is applied:
//  - `$NAME`, `${...}` (envsubst, shell, Terraform, `${{ ... }}`), `$(NAME)`
//    (Kubernetes' own dependent-variable syntax, Makefiles);
//  - `{{ ... }}` anywhere in the value (Helm, Go templates, Jinja, Ansible);
//  - `__NAME__` (token replacement in CI pipelines), `#{NAME}#` (Azure
//    DevOps replacetokens), `@NAME@` (autoconf/CMake configure_file),
//    `<NAME>` (documentation placeholders such as `<GPU_COUNT>`).
// NAME is letters, digits and underscores (dots and dashes too inside `<>`),
// so a typo such as `one`, `1x` or `2 GPUs` is no placeholder: it stays an
// invalid quantity.
bool IsQuantityPlaceholder(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty()) return false;
  size_t open = text.find("{{");
  if (open != std::string_view::npos && text.find("}}", open + 2) != std::string_view::npos) return true;
  if (Enclosed(text, "${", "}")) return true;
  if (Enclosed(text, "$(", ")")) return IsName(text.substr(2, text.size() - 3));
  if (text.front() == '$') return IsName(text.substr(1));
  if (Enclosed(text, "__", "__")) return IsName(text.substr(2, text.size() - 4));
  if (Enclosed(text, "#{", "}#")) return IsName(text.substr(2, text.size() - 4), true);
  if (Enclosed(text, "@", "@")) return IsName(text.substr(1, text.size() - 2));
  if (Enclosed(text, "<", ">")) return IsName(text.substr(1, text.size() - 2), true);
  return false;
}

namespace {

// GPUs that one resources map (limits or requests) asks for: the count
// resources summed (tencent.com/vcuda-core rounded up to whole GPUs); share
// resources alone (memory or cores of a GPU, no count) count one GPU, as HAMi's
// webhook adds `nvidia.com/gpu: 1` for them and the other sharing plugins
// place such a share on one GPU.
void AskIn(const Document& doc, NodeId map, int64_t& count, std::string_view& placeholder) {
  count = 0;
  if (!doc.IsMap(map)) return;
  bool share = false;
  for (uint32_t i = 0; i < doc.Size(map); ++i) {
    GpuResourceKind k = GpuResourceKindOf(doc.Text(doc.KeyAt(map, i)));
    if (k == GpuResourceKind::kNone || k == GpuResourceKind::kKnownNoGpu) continue;
    NodeId v = doc.ValueAt(map, i);
    auto q = ParseQuantity(doc, v);
    if (!q) {
      if (placeholder.empty() && doc.IsScalar(v) && IsQuantityPlaceholder(doc.Text(v))) placeholder = doc.Text(v);
      continue;
    }
    if (q->negative()) continue;
    int64_t n = q->Value();
    if (k == GpuResourceKind::kCount) count += n;
    else if (k == GpuResourceKind::kPercentCores) count += (n + 99) / 100;
    else if (n > 0) share = true;
  }
  if (count == 0 && share) count = 1;
}

}  // namespace

ContainerGpuAsk ContainerGpuAskOf(const Document& doc, NodeId c) {
  ContainerGpuAsk a;
  int64_t lim = 0, req = 0;
  AskIn(doc, Limits(doc, c), lim, a.placeholder);
  AskIn(doc, Requests(doc, c), req, a.placeholder);
  a.count = std::max(lim, req);
  return a;
}

int64_t ContainerGpus(const Document& doc, NodeId c) {
  ContainerGpuAsk a = ContainerGpuAskOf(doc, c);
  if (a.count == 0 && !a.placeholder.empty()) return 1;
  return a.count;
}

int64_t PodGpus(const Document& doc, const PodTemplate& t, bool* placeholder) {
  int64_t app = 0, init = 0;
  for (const ContainerRef& c : t.containers) {
    ContainerGpuAsk a = ContainerGpuAskOf(doc, c.node);
    int64_t g = a.count;
    if (!a.placeholder.empty()) {
      if (placeholder) *placeholder = true;
      g = std::max<int64_t>(g, 1);
    }
    if (c.init) init = std::max(init, g);
    else app += g;
  }
  return std::max(app, init);
}

// ---- Dynamic Resource Allocation ----
//
// Field paths (kubernetes/api resource/v1beta1, v1beta2 and v1 types.go):
// ResourceClaim.spec is a ResourceClaimSpec; ResourceClaimTemplate.spec.spec
// is one. ResourceClaimSpec.devices.requests[] is a DeviceRequest: in
// v1beta1 it carries deviceClassName itself; in v1beta2 and v1 it is in
// `exactly` (ExactDeviceRequest). Both have firstAvailable[] (DeviceSubRequest,
// deviceClassName). A pod names its claims in spec.resourceClaims[] with
// resourceClaimName or resourceClaimTemplateName (core/v1 PodResourceClaim;
// under `source` before Kubernetes 1.31), and containers pick them with
// resources.claims[].name.
//
// Device classes of GPUs: NVIDIA's k8s-dra-driver-gpu ships gpu.nvidia.com
// and mig.nvidia.com (NVIDIA/k8s-dra-driver-gpu demo/specs/quickstart/
// gpu-test-count.yaml, demo/specs/extended-resources/gpu-full.yaml); AMD's
// driver gpu.amd.com; Intel's gpu.intel.com.

bool IsGpuDeviceClass(std::string_view name) {
  std::string l = Lower(name);
  return l.find("gpu") != std::string::npos || l.starts_with("mig.");
}

namespace {

std::string ClaimKey(std::string_view ns, std::string_view kind, std::string_view name) {
  std::string k(ns);
  k += '\x1f';
  k += kind;
  k += '\x1f';
  k += name;
  return k;
}

// The first GPU device class the requests of a ResourceClaimSpec name.
std::string GpuClassOf(const Document& doc, NodeId claim_spec) {
  NodeId reqs = doc.GetPath(claim_spec, "devices.requests");
  for (uint32_t i = 0; doc.IsSeq(reqs) && i < doc.Size(reqs); ++i) {
    NodeId r = doc.Item(reqs, i);
    std::vector<NodeId> classes = {doc.Get(r, "deviceClassName"), doc.GetPath(r, "exactly.deviceClassName")};
    NodeId alts = doc.Get(r, "firstAvailable");
    for (uint32_t j = 0; doc.IsSeq(alts) && j < doc.Size(alts); ++j) {
      classes.push_back(doc.Get(doc.Item(alts, j), "deviceClassName"));
    }
    for (NodeId c : classes) {
      if (IsGpuDeviceClass(doc.Text(c))) return std::string(doc.Text(c));
    }
  }
  return "";
}

}  // namespace

void IndexDraClaim(const Document& doc, NodeId root, DraClaimIndex& index) {
  std::string_view kind = doc.Text(doc.Get(root, "kind"));
  if (ApiGroup(doc.Text(doc.Get(root, "apiVersion"))) != "resource.k8s.io") return;
  NodeId spec = doc.Get(root, "spec");
  if (kind == "ResourceClaimTemplate") spec = doc.Get(spec, "spec");
  else if (kind != "ResourceClaim") return;
  NodeId meta = doc.Get(root, "metadata");
  index.emplace_back(ClaimKey(doc.Text(doc.Get(meta, "namespace")), kind, doc.Text(doc.Get(meta, "name"))),
                     GpuClassOf(doc, spec));
}

std::optional<DraGpuClaim> PodDraGpuClaim(const Document& doc, NodeId podspec, std::string_view ns,
                                          const DraClaimIndex* index) {
  NodeId list = doc.Get(podspec, "resourceClaims");
  for (uint32_t i = 0; doc.IsSeq(list) && i < doc.Size(list); ++i) {
    NodeId pc = doc.Item(list, i);
    NodeId src = doc.Get(pc, "source");
    if (!doc.IsMap(src)) src = pc;
    std::string_view kind = "ResourceClaimTemplate";
    std::string_view name = doc.Text(doc.Get(src, "resourceClaimTemplateName"));
    if (name.empty()) {
      kind = "ResourceClaim";
      name = doc.Text(doc.Get(src, "resourceClaimName"));
    }
    if (name.empty()) continue;
    DraGpuClaim out{std::string(doc.Text(doc.Get(pc, "name"))), std::string(kind) + " " + Quote(name), ""};
    bool found = false;
    if (index) {
      const std::string key = ClaimKey(ns, kind, name);
      for (const auto& [k, cls] : *index) {
        if (k != key) continue;
        found = true;
        out.device_class = cls;
        break;
      }
    }
    if (found ? !out.device_class.empty() : Lower(name).find("gpu") != std::string::npos) return out;
  }
  return std::nullopt;
}

}  // namespace mlspec::lint
