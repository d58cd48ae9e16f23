#include "lint/workload.h"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace mlspec::lint {

std::string_view ApiGroup(std::string_view api_version) {
  size_t slash = api_version.find('/');
  return slash == std::string_view::npos ? std::string_view() : api_version.substr(0, slash);
}

std::optional<int64_t> ParseInteger(std::string_view s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

namespace {

// Where pod templates sit in each kind. Paths use `[]` for every item of a
// sequence and `*` for every value of a map; `replicas` is a product of
// paths relative to the element of the last `[]`/`*` (or the object when the
// path has none). Sources, checked against each project's Go types:
//  - Kubeflow training-operator v1 (kubeflow/training-operator
//    pkg/apis/kubeflow.org/v1/*_types.go): spec.<fw>ReplicaSpecs map of
//    ReplicaSpec{replicas, template}; runPolicy holds ttl/deadline.
//  - KubeRay (ray-project/kuberay ray-operator/apis/ray/v1): RayClusterSpec
//    {headGroupSpec.template, workerGroupSpecs[].template}; RayJobSpec
//    `json:"rayClusterSpec"`, RayServiceSpec `json:"rayClusterConfig"`.
//  - JobSet (kubernetes-sigs/jobset api/jobset/v1alpha2): replicatedJobs[]
//    {replicas, template: batchv1.JobTemplateSpec}.
//  - LeaderWorkerSet (kubernetes-sigs/lws api/leaderworkerset/v1):
//    spec.leaderWorkerTemplate{leaderTemplate, workerTemplate, size}.
//  - MPIJob (kubeflow/mpi-operator pkg/apis/kubeflow/v2beta1/types.go,
//    checked at caa3c47): spec.mpiReplicaSpecs map of ReplicaSpec{replicas,
//    template}; spec.runPolicy{ttlSecondsAfterFinished, activeDeadlineSeconds}.
//  - Volcano Job (volcano-sh/apis pkg/apis/batch/v1alpha1/job.go, v1.15):
//    spec.tasks[]{name, replicas, template}; spec.ttlSecondsAfterFinished, no
//    activeDeadlineSeconds.
//  - KServe (kserve/kserve pkg/apis/serving/v1beta1/predictor.go):
//    PredictorSpec inlines a PodSpec (`json:",inline"`), and `model` and the
//    framework shorthands inline a corev1.Container; transformer and
//    explainer inline a PodSpec as well. `workerSpec` (WorkerSpec, multi-node
//    predictors) inlines a PodSpec; its pod count depends on the runtime's
//    parallelism, so it counts once.
//  - KServe runtimes and graphs (kserve/kserve pkg/apis/serving/v1alpha1,
//    checked at aaac4e2, v0.20.0-rc0+): ServingRuntime and
//    ClusterServingRuntime: ServingRuntimeSpec inlines ServingRuntimePodSpec
//    (containers, nodeSelector, affinity, tolerations, volumes, hostIPC) and
//    has `workerSpec` (WorkerSpec inlines ServingRuntimePodSpec)
//    (servingruntime_types.go). InferenceGraph (inference_graph.go): the
//    router pod is flattened into InferenceGraphSpec (resources,
//    nodeSelector, affinity, tolerations, minReplicas).
//  - KServe LLMInferenceService and LLMInferenceServiceConfig (v1alpha1 and
//    v1alpha2, llm_inference_service_types.go): LLMInferenceServiceSpec
//    inlines WorkloadSpec{replicas, template, worker: *corev1.PodSpec}, and
//    has prefill (a WorkloadSpec), router.scheduler{replicas, template} and
//    router.scheduler.tokenizer.template. The controller merges the
//    LLMInferenceServiceConfigs named in spec.baseRefs (and well-known
//    kserve-config-llm-* ones, which set no resources or placement:
//    config/llmisvcconfig) into the service (pkg/controller/v1alpha2/llmisvc
//    config_merge.go), so a service with baseRefs and a config are partial.
//  - Kubeflow Trainer v2 (kubeflow/trainer pkg/apis/trainer/v1alpha1,
//    checked at v2.0.0..v2.3.0 and 8c0f505): TrainingRuntime and
//    ClusterTrainingRuntime (trainingruntime_types.go): spec.template is a
//    JobSetTemplateSpec, so pods are in
//    spec.template.spec.replicatedJobs[].template.spec.template.
//    TrainJob (trainjob_types.go): spec.trainer is a Trainer{image, command,
//    args, env, numNodes, resourcesPerNode: ResourceRequirements}, not a
//    PodSpec; its pods, placement and the rest come from the runtime named by
//    spec.runtimeRef (overrides live in podSpecOverrides (v2.0),
//    podTemplateOverrides (v2.1) or runtimePatches (v2.2+), all optional).
//    Since v2.3 resourcesPerNode is merged into the runtime container's
//    resources (pkg/runtime/core/trainingruntime.go, MergeResourceRequirements).
//  - NVIDIA NIM operator (NVIDIA/k8s-nim-operator
//    api/apps/v1alpha1/nimservice_types.go, checked at f63f74d): NIMService
//    flattens its one pod into the spec: resources, nodeSelector,
//    tolerations, affinity, replicas, image{repository, tag}. NIMCache's
//    `resources` holds only cpu and memory (nimcache_types.go): no GPU pod.
//  - KAITO (kaito-project/kaito api/v1beta1/workspace_types.go and v1alpha1,
//    checked at 056b828): Workspace has top-level `resource`{count,
//    instanceType, labelSelector} and `inference.template` (a
//    PodTemplateSpec; `tuning` and `inference.preset` have no pod spec). KAITO
//    overwrites the template's affinity with resource.labelSelector and
//    appends the tolerations of the nodes it provisions
//    (pkg/workspace/manifests/manifests.go GenerateManifestWithPodTemplate).
struct BuiltinPath {
  const char* kind;
  const char* group;
  const char* path;
  const char* form;
  const char* replicas;
};

constexpr BuiltinPath kBuiltin[] = {
    {"Pod", "", "spec", "podspec", ""},
    {"Deployment", "apps", "spec.template", "template", "spec.replicas"},
    {"StatefulSet", "apps", "spec.template", "template", "spec.replicas"},
    {"ReplicaSet", "apps", "spec.template", "template", "spec.replicas"},
    {"DaemonSet", "apps", "spec.template", "template", ""},
    {"ReplicationController", "", "spec.template", "template", "spec.replicas"},
    {"Job", "batch", "spec.template", "template", "spec.parallelism"},
    {"CronJob", "batch", "spec.jobTemplate.spec.template", "template", "spec.jobTemplate.spec.parallelism"},
    {"PyTorchJob", "kubeflow.org", "spec.pytorchReplicaSpecs.*.template", "template", "replicas"},
    {"TFJob", "kubeflow.org", "spec.tfReplicaSpecs.*.template", "template", "replicas"},
    {"MPIJob", "kubeflow.org", "spec.mpiReplicaSpecs.*.template", "template", "replicas"},
    {"XGBoostJob", "kubeflow.org", "spec.xgbReplicaSpecs.*.template", "template", "replicas"},
    {"PaddleJob", "kubeflow.org", "spec.paddleReplicaSpecs.*.template", "template", "replicas"},
    {"JAXJob", "kubeflow.org", "spec.jaxReplicaSpecs.*.template", "template", "replicas"},
    {"Notebook", "kubeflow.org", "spec.template", "template", ""},
    {"RayCluster", "ray.io", "spec.headGroupSpec.template", "template", ""},
    {"RayCluster", "ray.io", "spec.workerGroupSpecs[].template", "template", "replicas"},
    {"RayJob", "ray.io", "spec.rayClusterSpec.headGroupSpec.template", "template", ""},
    {"RayJob", "ray.io", "spec.rayClusterSpec.workerGroupSpecs[].template", "template", "replicas"},
    {"RayService", "ray.io", "spec.rayClusterConfig.headGroupSpec.template", "template", ""},
    {"RayService", "ray.io", "spec.rayClusterConfig.workerGroupSpecs[].template", "template", "replicas"},
    {"JobSet", "jobset.x-k8s.io", "spec.replicatedJobs[].template.spec.template", "template",
     "replicas*template.spec.parallelism"},
    {"LeaderWorkerSet", "leaderworkerset.x-k8s.io", "spec.leaderWorkerTemplate.leaderTemplate", "template",
     "spec.replicas"},
    {"LeaderWorkerSet", "leaderworkerset.x-k8s.io", "spec.leaderWorkerTemplate.workerTemplate", "template",
     "spec.replicas*spec.leaderWorkerTemplate.size"},
    {"Job", "batch.volcano.sh", "spec.tasks[].template", "template", "replicas"},
    {"InferenceService", "serving.kserve.io", "spec.predictor", "podspec", "spec.predictor.minReplicas"},
    {"InferenceService", "serving.kserve.io", "spec.transformer", "podspec", "spec.transformer.minReplicas"},
    {"InferenceService", "serving.kserve.io", "spec.explainer", "podspec", "spec.explainer.minReplicas"},
    {"InferenceService", "serving.kserve.io", "spec.predictor.workerSpec", "podspec", ""},
    {"ServingRuntime", "serving.kserve.io", "spec", "podspec", "spec.replicas"},
    {"ServingRuntime", "serving.kserve.io", "spec.workerSpec", "podspec", ""},
    {"ClusterServingRuntime", "serving.kserve.io", "spec", "podspec", "spec.replicas"},
    {"ClusterServingRuntime", "serving.kserve.io", "spec.workerSpec", "podspec", ""},
    {"InferenceGraph", "serving.kserve.io", "spec", "flat", "spec.minReplicas"},
    {"LLMInferenceService", "serving.kserve.io", "spec.template", "podspec", "spec.replicas"},
    {"LLMInferenceService", "serving.kserve.io", "spec.worker", "podspec", "spec.replicas"},
    {"LLMInferenceService", "serving.kserve.io", "spec.prefill.template", "podspec", "spec.prefill.replicas"},
    {"LLMInferenceService", "serving.kserve.io", "spec.prefill.worker", "podspec", "spec.prefill.replicas"},
    {"LLMInferenceService", "serving.kserve.io", "spec.router.scheduler.template", "podspec",
     "spec.router.scheduler.replicas"},
    {"LLMInferenceService", "serving.kserve.io", "spec.router.scheduler.tokenizer.template", "podspec", ""},
    {"LLMInferenceServiceConfig", "serving.kserve.io", "spec.template", "podspec", "spec.replicas"},
    {"LLMInferenceServiceConfig", "serving.kserve.io", "spec.worker", "podspec", "spec.replicas"},
    {"LLMInferenceServiceConfig", "serving.kserve.io", "spec.prefill.template", "podspec", "spec.prefill.replicas"},
    {"LLMInferenceServiceConfig", "serving.kserve.io", "spec.prefill.worker", "podspec", "spec.prefill.replicas"},
    {"LLMInferenceServiceConfig", "serving.kserve.io", "spec.router.scheduler.template", "podspec",
     "spec.router.scheduler.replicas"},
    {"LLMInferenceServiceConfig", "serving.kserve.io", "spec.router.scheduler.tokenizer.template", "podspec", ""},
    {"TrainingRuntime", "trainer.kubeflow.org", "spec.template.spec.replicatedJobs[].template.spec.template",
     "template", "replicas*template.spec.parallelism"},
    {"ClusterTrainingRuntime", "trainer.kubeflow.org", "spec.template.spec.replicatedJobs[].template.spec.template",
     "template", "replicas*template.spec.parallelism"},
    {"TrainJob", "trainer.kubeflow.org", "spec.trainer", "container", "spec.trainer.numNodes"},
    {"NIMService", "apps.nvidia.com", "spec", "flat", "spec.replicas"},
    {"Workspace", "kaito.sh", "inference.template", "template", "resource.count"},
};

// KServe predictor shorthands that inline a corev1.Container.
constexpr const char* kKServeContainers[] = {"model", "sklearn",     "xgboost", "tensorflow", "pytorch", "triton",
                                             "onnx",  "huggingface", "pmml",    "lightgbm",   "paddle"};

int64_t ReadReplicas(const Document& doc, NodeId base, std::string_view spec) {
  if (spec.empty()) return 1;
  int64_t total = 1;
  while (!spec.empty()) {
    size_t star = spec.find('*');
    std::string_view part = spec.substr(0, star);
    NodeId n = doc.GetPath(base, part);
    if (auto v = doc.Int(n); v && *v >= 0) total *= *v;
    if (star == std::string_view::npos) break;
    spec.remove_prefix(star + 1);
  }
  return total;
}

void AddContainers(const Document& doc, PodTemplate& t) {
  for (int init = 0; init < 2; ++init) {
    const char* field = init ? "initContainers" : "containers";
    NodeId list = doc.Get(t.spec, field);
    if (!doc.IsSeq(list)) continue;
    for (uint32_t i = 0; i < doc.Size(list); ++i) {
      NodeId c = doc.Item(list, i);
      if (!doc.IsMap(c)) continue;
      t.containers.push_back({c, t.path + "." + field + "[" + std::to_string(i) + "]", init == 1});
    }
  }
}

void AddTemplate(Object& obj, NodeId element, NodeId node, const std::string& path, std::string role,
                 std::string_view form, std::string_view replicas, NodeId replica_base) {
  const Document& doc = *obj.doc;
  if (!doc.IsMap(node)) return;
  PodTemplate t;
  t.role = std::move(role);
  t.anchor = node;
  if (form == "template") {
    t.spec = doc.Get(node, "spec");
    t.meta = doc.Get(node, "metadata");
    t.path = obj.path_prefix + path + ".spec";
    if (!doc.IsMap(t.spec)) return;
  } else if (form == "podspec") {
    t.spec = node;
    t.meta = path == "spec" && obj.kind == "Pod" ? obj.metadata : kNoNode;
    t.path = obj.path_prefix + path;
  } else if (form == "flat") {
    // One mapping holds the pod's fields (nodeSelector, tolerations, ...)
    // and its one container's (resources, image).
    t.spec = node;
    t.path = obj.path_prefix + path;
    t.containers.push_back({node, t.path, false});
  } else {  // container
    t.spec = kNoNode;
    t.path = obj.path_prefix + path;
    t.containers.push_back({node, t.path, false});
  }
  (void)element;
  t.replicas = ReadReplicas(doc, replica_base, replicas);
  if (t.spec != kNoNode && form != "flat") AddContainers(doc, t);
  obj.templates.push_back(std::move(t));
}

// Walks `path` from `node`; calls AddTemplate for every match.
void Walk(Object& obj, NodeId node, std::string_view rest, std::string shown, std::string role, const TemplatePath& tp,
          NodeId replica_base) {
  const Document& doc = *obj.doc;
  if (node == kNoNode) return;
  if (rest.empty()) {
    AddTemplate(obj, node, node, shown, std::move(role), tp.form, tp.replicas, replica_base);
    return;
  }
  size_t dot = rest.find('.');
  std::string_view seg = rest.substr(0, dot);
  std::string_view next = dot == std::string_view::npos ? "" : rest.substr(dot + 1);
  auto join = [&](std::string_view s) { return shown.empty() ? std::string(s) : shown + "." + std::string(s); };
  if (seg == "*") {
    if (!doc.IsMap(node)) return;
    for (uint32_t i = 0; i < doc.Size(node); ++i) {
      std::string key(doc.Text(doc.KeyAt(node, i)));
      NodeId v = doc.ValueAt(node, i);
      Walk(obj, v, next, join(key), key, tp, v);
    }
    return;
  }
  if (seg.size() > 2 && seg.substr(seg.size() - 2) == "[]") {
    std::string_view name = seg.substr(0, seg.size() - 2);
    NodeId list = doc.Get(node, name);
    if (!doc.IsSeq(list)) return;
    for (uint32_t i = 0; i < doc.Size(list); ++i) {
      NodeId item = doc.Item(list, i);
      std::string item_role(doc.Text(doc.Get(item, "name")));
      if (item_role.empty()) item_role = std::string(doc.Text(doc.Get(item, "groupName")));
      Walk(obj, item, next, join(name) + "[" + std::to_string(i) + "]", item_role, tp, item);
    }
    return;
  }
  Walk(obj, doc.Get(node, seg), next, join(seg), std::move(role), tp, replica_base);
}

// KServe's pod mutator (pkg/webhook/admission/pod/accelerator_injector.go,
// InjectGKEAcceleratorSelector, at aaac4e2) adds the node selector
// `cloud.google.com/gke-accelerator: <value>` to a pod whose app containers
// limit `nvidia.com/gpu`, when the pod carries the annotation
// `serving.kserve.io/gke-accelerator` (pkg/constants/constants.go
// InferenceServiceGKEAcceleratorAnnotationKey). The controller copies the
// InferenceService's annotations and the component's `annotations` to its
// pods, and a ServingRuntime's spec.annotations (ServingRuntimePodSpec), not
// its metadata's (pkg/controller/v1beta1/inferenceservice/components/
// predictor.go: buildObjectMeta).
void AddGkeAcceleratorSelector(Object& obj) {
  const Document& doc = *obj.doc;
  constexpr std::string_view kKey = "serving.kserve.io/gke-accelerator";
  for (PodTemplate& t : obj.templates) {
    if (t.spec == kNoNode) continue;
    bool gpu_limit = false;
    for (const ContainerRef& c : t.containers) {
      if (!c.init && doc.Get(Limits(doc, c.node), "nvidia.com/gpu") != kNoNode) gpu_limit = true;
    }
    if (!gpu_limit) continue;
    // The component's own annotations (the predictor's for its workers), then
    // the object's.
    std::string_view rel = std::string_view(t.path).substr(obj.path_prefix.size());
    NodeId component = kNoNode;
    if (obj.kind == "InferenceService") {
      for (std::string_view c : {"spec.predictor", "spec.transformer", "spec.explainer"}) {
        if (rel.starts_with(c)) component = doc.GetPath(obj.root, c);
      }
    } else {
      component = obj.spec;
    }
    NodeId key = kNoNode, value = kNoNode;
    NodeId own = obj.kind == "InferenceService" ? doc.Get(obj.metadata, "annotations") : kNoNode;
    for (NodeId ann : {doc.Get(component, "annotations"), own}) {
      if (key != kNoNode || !doc.IsMap(ann)) continue;
      key = doc.KeyNode(ann, kKey);
      value = doc.Get(ann, kKey);
    }
    if (key == kNoNode || !doc.IsScalar(value)) continue;
    t.added_node_selector.emplace_back("cloud.google.com/gke-accelerator", doc.Text(value));
    t.added_anchor = key;
  }
}

}  // namespace

void DiscoverTemplates(Object& obj, const std::vector<TemplatePath>& extra) {
  const Document& doc = *obj.doc;
  auto run = [&](const TemplatePath& tp) { Walk(obj, obj.root, tp.path, "", "", tp, obj.root); };
  bool builtin = false;
  for (const BuiltinPath& b : kBuiltin) {
    if (obj.kind != b.kind || obj.api_group != b.group) continue;
    builtin = true;
    run(TemplatePath{b.kind, b.group, b.path, b.form, b.replicas});
  }
  if (!builtin) {
    for (const TemplatePath& tp : extra) {
      if (obj.kind == tp.kind && (tp.api_group.empty() || tp.api_group == obj.api_group)) {
        run(tp);
      }
    }
  }
  if (obj.kind == "LeaderWorkerSet" && obj.templates.size() == 2) {
    // With a separate leader template, each group has size-1 workers.
    obj.templates[1].replicas -= obj.templates[0].replicas;
  }
  if (obj.kind == "InferenceService" && obj.api_group == "serving.kserve.io") {
    for (PodTemplate& t : obj.templates) {
      if (t.path != obj.path_prefix + "spec.predictor") continue;
      for (const char* fw : kKServeContainers) {
        NodeId c = doc.Get(t.spec, fw);
        if (doc.IsMap(c)) t.containers.insert(t.containers.begin(), {c, t.path + "." + fw, false});
      }
      if (doc.Get(t.spec, "minReplicas") == kNoNode) t.replicas = 1;
    }
  }
  if (obj.api_group == "serving.kserve.io" &&
      (obj.kind == "InferenceService" || obj.kind == "ServingRuntime" || obj.kind == "ClusterServingRuntime")) {
    AddGkeAcceleratorSelector(obj);
  }
  if (obj.api_group == "serving.kserve.io" && (obj.kind == "ServingRuntime" || obj.kind == "ClusterServingRuntime" ||
                                               obj.kind == "LLMInferenceServiceConfig")) {
    obj.defaults_only = true;
  }
  if (obj.api_group == "trainer.kubeflow.org" &&
      (obj.kind == "TrainingRuntime" || obj.kind == "ClusterTrainingRuntime")) {
    obj.defaults_only = true;
  }
  // What the manifest need not supply itself: partial containers, and no pod
  // spec where placement comes from elsewhere (rules about tolerations, node
  // selection and other pod fields skip a template without one).
  const bool llm_config = obj.kind == "LLMInferenceServiceConfig" && obj.api_group == "serving.kserve.io";
  const bool llm_based = obj.kind == "LLMInferenceService" && obj.api_group == "serving.kserve.io" &&
                         doc.Size(doc.Get(obj.spec, "baseRefs")) > 0;
  const bool train_job = obj.kind == "TrainJob" && obj.api_group == "trainer.kubeflow.org";
  if (llm_config || llm_based || train_job) {
    for (PodTemplate& t : obj.templates) {
      t.spec = kNoNode;
      for (ContainerRef& c : t.containers) c.partial = true;
    }
  }
  // NVIDIA/k8s-nim-operator api/apps/v1alpha1/nimservice_types.go:
  // GetVolumes adds the emptyDir "dshm" (medium Memory, sizeLimit
  // spec.storage.sharedMemorySizeLimit) and GetVolumeMounts mounts it at
  // /dev/shm. KServe's kserve-config-llm-template, -decode-template,
  // -prefill-template and -worker-data-parallel (config/llmisvcconfig), merged
  // into every LLMInferenceService, mount a memory emptyDir at /dev/shm.
  if ((obj.kind == "NIMService" && obj.api_group == "apps.nvidia.com") ||
      (obj.api_group == "serving.kserve.io" &&
       (obj.kind == "LLMInferenceService" || obj.kind == "LLMInferenceServiceConfig"))) {
    for (PodTemplate& t : obj.templates) t.shm_mounted = true;
  }
  if (obj.kind == "Workspace" && obj.api_group == "kaito.sh") {
    // KAITO sets the affinity and tolerations itself.
    for (PodTemplate& t : obj.templates) t.spec = kNoNode;
  }
}

bool IsServingKind(std::string_view kind) {
  return kind == "Deployment" || kind == "StatefulSet" || kind == "ReplicaSet" || kind == "ReplicationController" ||
         kind == "LeaderWorkerSet";
}

std::optional<Quantity> ParseQuantity(const Document& doc, NodeId node) {
  if (!doc.IsScalar(node)) return std::nullopt;
  std::string err;
  return Quantity::Parse(doc.Text(node), &err);
}

namespace {
// A container's ResourceRequirements. A Trainer v2 TrainJob's spec.trainer
// keeps them in resourcesPerNode (kubeflow/trainer trainjob_types.go Trainer).
NodeId ResourcesOf(const Document& doc, NodeId c) {
  NodeId r = doc.Get(c, "resources");
  return r != kNoNode ? r : doc.Get(c, "resourcesPerNode");
}
}  // namespace

NodeId Requests(const Document& doc, NodeId c) { return doc.Get(ResourcesOf(doc, c), "requests"); }
NodeId Limits(const Document& doc, NodeId c) { return doc.Get(ResourcesOf(doc, c), "limits"); }

namespace {
std::optional<Quantity> EffectiveRequest(const Document& doc, NodeId c, std::string_view res) {
  if (auto q = ParseQuantity(doc, doc.Get(Requests(doc, c), res))) return q;
  return ParseQuantity(doc, doc.Get(Limits(doc, c), res));
}
}  // namespace

int64_t ContainerRequestMilli(const Document& doc, NodeId c, std::string_view res) {
  auto q = EffectiveRequest(doc, c, res);
  return q ? q->MilliValue() : 0;
}

int64_t ContainerRequestValue(const Document& doc, NodeId c, std::string_view res) {
  auto q = EffectiveRequest(doc, c, res);
  return q ? q->Value() : 0;
}

std::vector<std::string> PodMigProfiles(const Document& doc, const PodTemplate& t) {
  std::vector<std::string> out;
  for (const ContainerRef& c : t.containers) {
    for (NodeId map : {Limits(doc, c.node), Requests(doc, c.node)}) {
      if (!doc.IsMap(map)) continue;
      for (uint32_t i = 0; i < doc.Size(map); ++i) {
        std::string_view k = doc.Text(doc.KeyAt(map, i));
        if (!k.starts_with("nvidia.com/mig-")) continue;
        std::string p(k.substr(strlen("nvidia.com/mig-")));
        if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
      }
    }
  }
  return out;
}

std::vector<Toleration> Tolerations(const Document& doc, NodeId podspec) {
  std::vector<Toleration> out;
  NodeId list = doc.Get(podspec, "tolerations");
  for (uint32_t i = 0; doc.IsSeq(list) && i < doc.Size(list); ++i) {
    NodeId t = doc.Item(list, i);
    if (!doc.IsMap(t)) continue;
    Toleration tol{doc.Text(doc.Get(t, "key")), doc.Text(doc.Get(t, "operator")), doc.Text(doc.Get(t, "value")),
                   doc.Text(doc.Get(t, "effect")), t};
    if (tol.op.empty()) tol.op = "Equal";
    out.push_back(tol);
  }
  return out;
}

bool Tolerates(const Toleration& t, std::string_view key, std::string_view value, std::string_view effect) {
  if (!t.effect.empty() && t.effect != effect) return false;
  if (t.key.empty()) return t.op == "Exists";
  if (t.key != key) return false;
  if (t.op == "Exists") return true;
  return t.value == value;
}

bool ToleratesAny(const std::vector<Toleration>& ts, std::string_view key, std::string_view value,
                  std::string_view effect) {
  for (const Toleration& t : ts) {
    if (Tolerates(t, key, value, effect)) return true;
  }
  return false;
}

NodeSelection ReadNodeSelection(const Document& doc, NodeId podspec) {
  NodeSelection s;
  NodeId ns = doc.Get(podspec, "nodeSelector");
  if (doc.IsMap(ns) && doc.Size(ns) > 0) {
    s.anchor = doc.KeyNode(podspec, "nodeSelector");
    for (uint32_t i = 0; i < doc.Size(ns); ++i) {
      s.node_selector.emplace_back(doc.Text(doc.KeyAt(ns, i)), doc.Text(doc.ValueAt(ns, i)));
    }
  }
  NodeId req = doc.GetPath(podspec, "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution");
  NodeId terms = doc.Get(req, "nodeSelectorTerms");
  for (uint32_t i = 0; doc.IsSeq(terms) && i < doc.Size(terms); ++i) {
    NodeId term = doc.Item(terms, i);
    NodeId exprs = doc.Get(term, "matchExpressions");
    std::vector<SelectorRequirement> reqs;
    for (uint32_t j = 0; doc.IsSeq(exprs) && j < doc.Size(exprs); ++j) {
      NodeId e = doc.Item(exprs, j);
      SelectorRequirement r{doc.Text(doc.Get(e, "key")), doc.Text(doc.Get(e, "operator")), {}};
      NodeId vals = doc.Get(e, "values");
      for (uint32_t k = 0; doc.IsSeq(vals) && k < doc.Size(vals); ++k) {
        r.values.push_back(doc.Text(doc.Item(vals, k)));
      }
      reqs.push_back(std::move(r));
    }
    s.terms.push_back(std::move(reqs));
  }
  if (!s.terms.empty() && s.anchor == kNoNode) s.anchor = doc.KeyNode(podspec, "affinity");
  return s;
}

NodeSelection ReadNodeSelection(const Document& doc, const PodTemplate& t) {
  NodeSelection s = ReadNodeSelection(doc, t.spec);
  for (const auto& [k, v] : t.added_node_selector) {
    // (`key` and not the binding itself in the lambda: clang 14 refuses to capture bindings.)
    std::string_view key = k;
    auto same =
        std::find_if(s.node_selector.begin(), s.node_selector.end(), [&](const auto& p) { return p.first == key; });
    // The webhook's union lets the added value win.
    if (same != s.node_selector.end()) same->second = v;
    else s.node_selector.emplace_back(k, v);
    if (s.anchor == kNoNode) s.anchor = t.added_anchor;
  }
  return s;
}

std::string_view Image(const Document& doc, NodeId c) { return doc.Text(doc.Get(c, "image")); }

NodeId MountedVolume(const Document& doc, NodeId podspec, NodeId c, std::string_view mount_path, NodeId* mount) {
  NodeId mounts = doc.Get(c, "volumeMounts");
  for (uint32_t i = 0; doc.IsSeq(mounts) && i < doc.Size(mounts); ++i) {
    NodeId m = doc.Item(mounts, i);
    std::string_view p = doc.Text(doc.Get(m, "mountPath"));
    while (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
    if (p != mount_path) continue;
    if (mount) *mount = m;
    std::string_view name = doc.Text(doc.Get(m, "name"));
    NodeId vols = doc.Get(podspec, "volumes");
    for (uint32_t j = 0; doc.IsSeq(vols) && j < doc.Size(vols); ++j) {
      NodeId v = doc.Item(vols, j);
      if (doc.Text(doc.Get(v, "name")) == name) return v;
    }
    return kNoNode;
  }
  return kNoNode;
}

Labels ReadLabels(const Document& doc, NodeId map) {
  Labels out;
  for (uint32_t i = 0; doc.IsMap(map) && i < doc.Size(map); ++i) {
    out.emplace_back(std::string(doc.Text(doc.KeyAt(map, i))), std::string(doc.Text(doc.ValueAt(map, i))));
  }
  return out;
}

}  // namespace mlspec::lint
