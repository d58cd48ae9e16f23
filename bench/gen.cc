// mlspec-benchgen: deterministic inputs for the benchmarks.
//
//   mlspec-benchgen corpus --docs N [--seed S] --out DIR
//     Kubernetes manifests laid out like a GitOps monorepo: DIR/<team>/<app>/
//     with mostly one to five documents per file and a few large rendered
//     multi-document files; about a third of the objects are GPU workloads,
//     with a known mix of defects (counted in DIR/MANIFEST.txt). Also writes
//     DIR/spec.toml, a cluster spec the corpus was written against, for
//     `mlspec lint --spec`.
//
//   mlspec-benchgen guides --docs N [--seed S] --out DIR
//     The same layout, filled with the manifests the seed guides
//     (shared/seeds/) show people writing: GPU Pods, Deployments, Jobs,
//     CronJobs, a TFJob, a KServe InferenceService, Services, HPAs, PVCs and
//     ConfigMaps, with the guides' own omissions (no CPU request or memory
//     limit, `:latest` tags, no probes, no TTL, no /dev/shm, HPAs on CPU).
//     About four findings per document: the findings-heavy corpus of the
//     report benchmarks. DIR/spec.toml is the guides' cluster (an `ai` GPU
//     pool labelled node-type=ai).
//
//   mlspec-benchgen spec --pools N [--seed S] --out FILE
//     A spec with N pools, 5N profiles, N inference services and N/4 + 2
//     namespaces, valid for `mlspec validate`.
//
// The same arguments always give the same bytes (own PRNG, no std::
// distributions, whose output differs between standard libraries).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;

// splitmix64: small, fast, and identical everywhere.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  uint32_t Below(uint32_t n) { return static_cast<uint32_t>(Next() % n); }
  bool Chance(double p) { return static_cast<double>(Next() >> 11) * 0x1.0p-53 < p; }
  template <typename T, size_t N>
  const T& Pick(const T (&a)[N]) {
    return a[Below(N)];
  }

 private:
  uint64_t s_;
};

constexpr int kTeams = 20;
constexpr const char* kWords[] = {"alpha", "orion", "lyra",  "vega",  "atlas", "nova",  "delta", "sigma",
                                  "kappa", "ember", "pixel", "quark", "rover", "tango", "umber", "zephyr"};
constexpr const char* kCpuImages[] = {"nginx:1.27.1", "python:3.12-slim", "redis:7.4.0", "ghcr.io/acme/api:2.3.1",
                                      "ghcr.io/acme/feature-store:0.9.4"};
constexpr const char* kGpuImages[] = {
    "nvcr.io/nvidia/pytorch:24.08-py3",      "vllm/vllm-openai:v0.6.1",
    "nvcr.io/nvidia/tritonserver:24.08-py3", "ghcr.io/huggingface/text-generation-inference:2.2.0",
    "tensorflow/tensorflow:2.17.0-gpu",      "ghcr.io/acme/trainer:1.4.2"};

// Defects the generator injects; the counts go to MANIFEST.txt so a reader
// can compare them with what the linter reports.
enum Defect {
  kLatestTag,
  kNoMemoryLimit,
  kGpuLimitMissing,
  kNoShm,
  kNoToleration,
  kPrivileged,
  kNoReadiness,
  kNoJobTtl,
  kHpaCpuOnGpu,
  kDeprecatedApi,
  kDefectCount
};
constexpr const char* kDefectNames[] = {"image-tag-latest",
                                        "memory-limit-missing",
                                        "gpu-limit-missing",
                                        "shm-missing",
                                        "gpu-toleration-missing",
                                        "privileged-container",
                                        "readiness-probe-missing",
                                        "job-ttl-missing",
                                        "hpa-cpu-metric-on-gpu-workload",
                                        "deprecated-api"};

class CorpusWriter {
 public:
  CorpusWriter(uint64_t seed, fs::path out, bool guides = false) : rng_(seed), out_(std::move(out)), guides_(guides) {}

  int Run(size_t docs) {
    fs::create_directories(out_);
    size_t app = 0;
    while (written_ < docs) {
      int team = static_cast<int>(rng_.Below(kTeams));
      std::string name = std::string(rng_.Pick(kWords)) + "-" + std::to_string(app++);
      std::vector<std::string> bundle = guides_ ? GuideBundle(team, name) : Bundle(team, name);
      if (written_ + bundle.size() > docs) bundle.resize(docs - written_);
      written_ += bundle.size();
      Place(team, name, bundle);
    }
    for (int t = 0; t < kTeams; ++t) FlushRendered(t);
    if (guides_) WriteGuideSpec();
    else WriteSpec();
    std::ofstream m(out_ / "MANIFEST.txt");
    m << "documents " << written_ << "\nfiles " << files_ << "\nbytes " << bytes_ << "\ngpu_workloads "
      << gpu_workloads_ << "\nworkloads " << workloads_ << "\n";
    for (int d = 0; d < kDefectCount; ++d) {
      m << "defect " << kDefectNames[d] << " " << defects_[d] << "\n";
    }
    std::cout << "corpus " << out_.string() << ": " << written_ << " documents, " << files_ << " files, " << bytes_
              << " bytes, " << gpu_workloads_ << "/" << workloads_ << " GPU workloads\n";
    return 0;
  }

 private:
  // ---- layout ----
  // A bundle goes to one file (most), one file per document (some), or a
  // team's large rendered file (a few: `helm template` output checked in).
  void Place(int team, const std::string& app, const std::vector<std::string>& docs) {
    if (docs.empty()) return;
    fs::path dir = out_ / ("team-" + std::to_string(team)) / app;
    uint32_t r = rng_.Below(100);
    if (r < 4) {
      for (const std::string& d : docs) rendered_[team].push_back(d);
      if (rendered_[team].size() >= 400) FlushRendered(team);
      return;
    }
    fs::create_directories(dir);
    if (r < 70) {
      std::string text;
      for (const std::string& d : docs) text += "---\n" + d;
      Write(dir / "manifests.yaml", text);
    } else {
      for (size_t i = 0; i < docs.size(); ++i) {
        Write(dir / (std::to_string(i) + ".yaml"), docs[i]);
      }
    }
  }

  void FlushRendered(int team) {
    std::vector<std::string>& r = rendered_[team];
    if (r.empty()) return;
    fs::path dir = out_ / ("team-" + std::to_string(team)) / "rendered";
    fs::create_directories(dir);
    std::string text = "# Source: helm template platform-" + std::to_string(team) + "\n";
    for (const std::string& d : r) text += "---\n" + d;
    Write(dir / ("chart-" + std::to_string(rendered_files_++) + ".yaml"), text);
    r.clear();
  }

  void Write(const fs::path& p, const std::string& text) {
    std::ofstream f(p, std::ios::binary);
    f << text;
    ++files_;
    bytes_ += text.size();
  }

  // ---- documents ----
  std::vector<std::string> Bundle(int team, const std::string& name) {
    std::string ns = "team-" + std::to_string(team);
    std::vector<std::string> out;
    uint32_t r = rng_.Below(100);
    if (r < 22) {  // CPU web service
      bool pdb = rng_.Chance(0.3);
      out.push_back(Deployment(ns, name, false));
      out.push_back(Service(ns, name));
      if (rng_.Chance(0.5)) out.push_back(Hpa(ns, name, "Deployment", true));
      if (pdb) out.push_back(Pdb(ns, name));
      if (rng_.Chance(0.4)) out.push_back(ConfigMap(ns, name));
    } else if (r < 42) {  // GPU online inference on a Deployment
      out.push_back(Deployment(ns, name, true));
      out.push_back(Service(ns, name));
      if (rng_.Chance(0.6)) {
        out.push_back(Hpa(ns, name, "Deployment", Defect_(kHpaCpuOnGpu, 0.2)));
      }
      if (rng_.Chance(0.3)) out.push_back(Pdb(ns, name));
    } else if (r < 54) {  // KServe
      out.push_back(InferenceService(ns, name));
    } else if (r < 64) {  // batch Job (GPU most of the time)
      out.push_back(Job(ns, name, rng_.Chance(0.7)));
    } else if (r < 70) {  // CronJob (CPU)
      out.push_back(CronJob(ns, name));
    } else if (r < 82) {  // distributed training
      out.push_back(TrainingJob(ns, name, rng_.Chance(0.7) ? "PyTorchJob" : "TFJob"));
      if (rng_.Chance(0.3)) out.push_back(ConfigMap(ns, name));
    } else if (r < 87) {  // stateful CPU service
      out.push_back(StatefulSet(ns, name));
      out.push_back(Service(ns, name));
    } else if (r < 90) {
      out.push_back(RayCluster(ns, name));
    } else {  // plain config
      out.push_back(ConfigMap(ns, name));
      if (rng_.Chance(0.5)) out.push_back(ServiceAccount(ns, name));
    }
    return out;
  }

  bool Defect_(Defect d, double p) {
    if (!rng_.Chance(p)) return false;
    ++defects_[d];
    return true;
  }

  static std::string Meta(const std::string& ns, const std::string& name, const char* indent = "") {
    std::string s;
    s += std::string(indent) + "metadata:\n";
    s += std::string(indent) + "  name: " + name + "\n";
    s += std::string(indent) + "  namespace: " + ns + "\n";
    s += std::string(indent) + "  labels:\n";
    s += std::string(indent) + "    app.kubernetes.io/name: " + name + "\n";
    s += std::string(indent) + "    app.kubernetes.io/part-of: " + ns + "\n";
    return s;
  }

  std::string Image(bool gpu) {
    std::string img = gpu ? rng_.Pick(kGpuImages) : rng_.Pick(kCpuImages);
    if (Defect_(kLatestTag, 0.06)) img = img.substr(0, img.rfind(':')) + ":latest";
    return img;
  }

  // A container at `in` spaces; gpus > 0 asks for GPUs.
  std::string Container(const std::string& name, int in, int gpus, bool serving) {
    std::string p(in, ' ');
    std::string s = p + "- name: " + name + "\n";
    s += p + "  image: " + Image(gpus > 0) + "\n";
    if (rng_.Chance(0.5)) {
      s += p + "  args:\n";
      s += p + "    - --port=8080\n";
      s += p + "    - --log-level=info\n";
    }
    s += p + "  env:\n";
    s += p + "    - name: APP_NAME\n";
    s += p + "      value: \"" + name + "\"\n";
    s += p + "    - name: LOG_FORMAT\n";
    s += p + "      value: json\n";
    if (serving) {
      s += p + "  ports:\n";
      s += p + "    - containerPort: 8080\n";
      s += p + "      name: http\n";
      if (!Defect_(kNoReadiness, 0.08)) {
        s += p + "  readinessProbe:\n";
        s += p + "    httpGet:\n";
        s += p + "      path: /healthz\n";
        s += p + "      port: http\n";
        s += p + "    periodSeconds: 10\n";
      }
      if (gpus > 0) {
        s += p + "  startupProbe:\n";
        s += p + "    httpGet:\n";
        s += p + "      path: /healthz\n";
        s += p + "      port: http\n";
        s += p + "    failureThreshold: 60\n";
      }
    }
    const char* cpu = gpus ? "\"8\"" : "500m";
    const char* mem = gpus ? "32Gi" : "512Mi";
    s += p + "  resources:\n";
    s += p + "    requests:\n";
    s += p + "      cpu: " + cpu + "\n";
    s += p + "      memory: " + mem + "\n";
    if (gpus) s += p + "      nvidia.com/gpu: " + std::to_string(gpus) + "\n";
    bool no_mem_limit = Defect_(kNoMemoryLimit, 0.04);
    bool no_gpu_limit = gpus && Defect_(kGpuLimitMissing, 0.04);
    if (!no_mem_limit || (gpus && !no_gpu_limit)) {
      s += p + "    limits:\n";
      if (!no_mem_limit) s += p + "      memory: " + mem + "\n";
      if (gpus && !no_gpu_limit) s += p + "      nvidia.com/gpu: " + std::to_string(gpus) + "\n";
    }
    bool priv = Defect_(kPrivileged, 0.02);
    s += p + "  securityContext:\n";
    if (priv) {
      s += p + "    privileged: true\n";
    } else {
      s += p + "    allowPrivilegeEscalation: false\n";
      s += p + "    runAsNonRoot: true\n";
      s += p + "    capabilities:\n";
      s += p + "      drop: [\"ALL\"]\n";
    }
    if (gpus) {
      s += p + "  volumeMounts:\n";
      s += p + "    - name: dshm\n";
      s += p + "      mountPath: /dev/shm\n";
    }
    return s;
  }

  // PodSpec body at `in` spaces (keys of the spec mapping).
  std::string PodSpec(const std::string& name, int in, int gpus, bool serving, const char* restart = nullptr) {
    std::string p(in, ' ');
    std::string s;
    if (restart) s += p + "restartPolicy: " + restart + "\n";
    s += p + "serviceAccountName: " + name + "\n";
    s += p + "securityContext:\n";
    s += p + "  runAsNonRoot: true\n";
    s += p + "  runAsUser: 10001\n";
    s += p + "  seccompProfile:\n";
    s += p + "    type: RuntimeDefault\n";
    bool shm = false;
    if (gpus) {
      std::string pool = gpus >= 4 ? "h100" : "a10g";
      s += p + "nodeSelector:\n";
      s += p + "  mlspec.io/pool: " + pool + "\n";
      if (!Defect_(kNoToleration, 0.04)) {
        s += p + "tolerations:\n";
        s += p + "  - key: nvidia.com/gpu\n";
        s += p + "    operator: Equal\n";
        s += p + "    value: \"true\"\n";
        s += p + "    effect: NoSchedule\n";
      }
      shm = !Defect_(kNoShm, 0.06);
    } else if (rng_.Chance(0.2)) {
      s += p + "affinity:\n";
      s += p + "  podAntiAffinity:\n";
      s += p + "    preferredDuringSchedulingIgnoredDuringExecution:\n";
      s += p + "      - weight: 100\n";
      s += p + "        podAffinityTerm:\n";
      s += p + "          topologyKey: kubernetes.io/hostname\n";
      s += p + "          labelSelector:\n";
      s += p + "            matchLabels:\n";
      s += p + "              app.kubernetes.io/name: " + name + "\n";
    }
    s += p + "containers:\n";
    std::string c = Container(name, in + 2, gpus, serving);
    if (gpus && !shm) {
      // drop the /dev/shm mount again: the defect is a GPU pod without it
      c = c.substr(0, c.rfind(std::string(in + 4, ' ') + "volumeMounts:\n"));
    }
    s += c;
    if (!gpus && rng_.Chance(0.3)) {
      s += p + "  - name: log-shipper\n";
      s += p + "    image: fluent/fluent-bit:3.1.7\n";
      s += p + "    resources:\n";
      s += p + "      requests: {cpu: 50m, memory: 64Mi}\n";
      s += p + "      limits: {memory: 128Mi}\n";
      s += p + "    securityContext:\n";
      s += p + "      allowPrivilegeEscalation: false\n";
      s += p + "      runAsNonRoot: true\n";
    }
    if (gpus && shm) {
      s += p + "volumes:\n";
      s += p + "  - name: dshm\n";
      s += p + "    emptyDir:\n";
      s += p + "      medium: Memory\n";
      s += p + "      sizeLimit: 8Gi\n";
    }
    return s;
  }

  int GpuCount() {
    ++gpu_workloads_;
    uint32_t r = rng_.Below(10);
    return r < 6 ? 1 : r < 8 ? 2 : r < 9 ? 4 : 8;
  }

  std::string Deployment(const std::string& ns, const std::string& name, bool gpu) {
    ++workloads_;
    int gpus = gpu ? GpuCount() : 0;
    bool old = Defect_(kDeprecatedApi, 0.01);
    std::string s =
        std::string("apiVersion: ") + (old ? "apps/v1beta2" : "apps/v1") + "\nkind: Deployment\n" + Meta(ns, name);
    s += "spec:\n  replicas: " + std::to_string(1 + rng_.Below(4)) + "\n";
    s += "  selector:\n    matchLabels:\n      app.kubernetes.io/name: " + name + "\n";
    s += "  template:\n    metadata:\n      labels:\n        app.kubernetes.io/name: " + name + "\n    spec:\n";
    s += PodSpec(name, 6, gpus, true);
    return s;
  }

  std::string StatefulSet(const std::string& ns, const std::string& name) {
    ++workloads_;
    std::string s = "apiVersion: apps/v1\nkind: StatefulSet\n" + Meta(ns, name);
    s += "spec:\n  replicas: 3\n  serviceName: " + name + "\n";
    s += "  selector:\n    matchLabels:\n      app.kubernetes.io/name: " + name + "\n";
    s += "  template:\n    metadata:\n      labels:\n        app.kubernetes.io/name: " + name + "\n    spec:\n";
    s += PodSpec(name, 6, 0, true);
    s += "  volumeClaimTemplates:\n    - metadata:\n        name: data\n      spec:\n"
         "        accessModes: [ReadWriteOnce]\n        resources:\n"
         "          requests:\n            storage: 50Gi\n";
    return s;
  }

  std::string Service(const std::string& ns, const std::string& name) {
    std::string s = "apiVersion: v1\nkind: Service\n" + Meta(ns, name);
    s += "spec:\n  type: ClusterIP\n  selector:\n    app.kubernetes.io/name: " + name + "\n";
    s += "  ports:\n    - name: http\n      port: 80\n      targetPort: http\n";
    return s;
  }

  std::string Hpa(const std::string& ns, const std::string& name, const char* kind, bool cpu) {
    std::string s = "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\n" + Meta(ns, name);
    s += "spec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: " + std::string(kind) + "\n    name: " + name +
         "\n  minReplicas: 1\n  maxReplicas: 10\n  metrics:\n";
    if (cpu) {
      s += "    - type: Resource\n      resource:\n        name: cpu\n        target:\n"
           "          type: Utilization\n          averageUtilization: 70\n";
    } else {
      s += "    - type: Pods\n      pods:\n        metric:\n          name: "
           "inflight_requests\n        target:\n          type: AverageValue\n"
           "          averageValue: \"8\"\n";
    }
    return s;
  }

  std::string Pdb(const std::string& ns, const std::string& name) {
    std::string s = "apiVersion: policy/v1\nkind: PodDisruptionBudget\n" + Meta(ns, name);
    s += "spec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n"
         "      app.kubernetes.io/name: " +
         name + "\n";
    return s;
  }

  std::string ConfigMap(const std::string& ns, const std::string& name) {
    std::string s = "apiVersion: v1\nkind: ConfigMap\n" + Meta(ns, name + "-config");
    s += "data:\n  LOG_LEVEL: info\n  FEATURE_FLAGS: \"a,b,c\"\n  config.yaml: |\n"
         "    server:\n      port: 8080\n      workers: 4\n    cache:\n      ttl: 300s\n";
    return s;
  }

  std::string ServiceAccount(const std::string& ns, const std::string& name) {
    return "apiVersion: v1\nkind: ServiceAccount\n" + Meta(ns, name) + "automountServiceAccountToken: false\n";
  }

  std::string JobSpecFields(const char* p, bool gpu) {
    std::string s;
    s += std::string(p) + "backoffLimit: 2\n";
    if (!gpu || !Defect_(kNoJobTtl, 0.1)) {  // the rule asks it of GPU Jobs
      s += std::string(p) + "ttlSecondsAfterFinished: 3600\n";
    }
    s += std::string(p) + "activeDeadlineSeconds: 86400\n";
    return s;
  }

  std::string Job(const std::string& ns, const std::string& name, bool gpu) {
    ++workloads_;
    int gpus = gpu ? GpuCount() : 0;
    std::string s = "apiVersion: batch/v1\nkind: Job\n" + Meta(ns, name);
    s += "spec:\n  parallelism: 1\n" + JobSpecFields("  ", gpu);
    s += "  template:\n    metadata:\n      labels:\n        app.kubernetes.io/name: " + name + "\n    spec:\n";
    s += PodSpec(name, 6, gpus, false, "Never");
    return s;
  }

  std::string CronJob(const std::string& ns, const std::string& name) {
    ++workloads_;
    std::string s = "apiVersion: batch/v1\nkind: CronJob\n" + Meta(ns, name);
    s += "spec:\n  schedule: \"" + std::to_string(rng_.Below(60)) + " 3 * * *\"\n";
    s += "  concurrencyPolicy: Forbid\n  jobTemplate:\n    spec:\n" + JobSpecFields("      ", false);
    s += "      template:\n        spec:\n";
    s += PodSpec(name, 10, 0, false, "OnFailure");
    return s;
  }

  std::string TrainingJob(const std::string& ns, const std::string& name, const char* kind) {
    ++workloads_;
    int gpus = GpuCount();
    bool torch = std::string_view(kind) == "PyTorchJob";
    std::string s = std::string("apiVersion: kubeflow.org/v1\nkind: ") + kind + "\n" + Meta(ns, name) + "spec:\n";
    if (torch) s += "  nprocPerNode: \"" + std::to_string(gpus) + "\"\n";
    s += "  runPolicy:\n    cleanPodPolicy: Running\n";
    if (!Defect_(kNoJobTtl, 0.1)) s += "    ttlSecondsAfterFinished: 3600\n";
    s += "    activeDeadlineSeconds: 172800\n";
    s += std::string("  ") + (torch ? "pytorchReplicaSpecs" : "tfReplicaSpecs") + ":\n";
    const char* roles[] = {torch ? "Master" : "Chief", "Worker"};
    for (int r = 0; r < 2; ++r) {
      s += std::string("    ") + roles[r] + ":\n      replicas: " + std::to_string(r ? 1 + rng_.Below(8) : 1) +
           "\n      restartPolicy: OnFailure\n      template:\n        metadata:\n"
           "          labels:\n            app.kubernetes.io/name: " +
           name + "\n        spec:\n";
      s += PodSpec(name, 10, gpus, false);
    }
    return s;
  }

  std::string RayCluster(const std::string& ns, const std::string& name) {
    ++workloads_;
    int gpus = GpuCount();
    std::string s = "apiVersion: ray.io/v1\nkind: RayCluster\n" + Meta(ns, name) + "spec:\n";
    s += "  headGroupSpec:\n    rayStartParams:\n      dashboard-host: 0.0.0.0\n"
         "    template:\n      spec:\n";
    s += PodSpec(name + "-head", 8, 0, false);
    s += "  workerGroupSpecs:\n    - groupName: gpu\n      replicas: 2\n      minReplicas: 0\n"
         "      maxReplicas: 8\n      rayStartParams: {}\n      template:\n        spec:\n";
    s += PodSpec(name + "-worker", 10, gpus, false);
    return s;
  }

  std::string InferenceService(const std::string& ns, const std::string& name) {
    ++workloads_;
    int gpus = GpuCount() > 2 ? 2 : 1;
    std::string s = "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\n" + Meta(ns, name);
    s += "  annotations:\n    serving.kserve.io/deploymentMode: RawDeployment\n";
    s += "spec:\n  predictor:\n    minReplicas: 1\n    maxReplicas: 4\n";
    s += "    nodeSelector:\n      mlspec.io/pool: a10g\n";
    if (!Defect_(kNoToleration, 0.04)) {
      s += "    tolerations:\n      - key: nvidia.com/gpu\n        operator: Equal\n"
           "        value: \"true\"\n        effect: NoSchedule\n";
    }
    bool shm = !Defect_(kNoShm, 0.06);
    s += "    model:\n      modelFormat:\n        name: pytorch\n"
         "      storageUri: s3://models/" +
         name + "/\n";
    s += "      resources:\n        requests:\n          cpu: \"4\"\n          memory: 16Gi\n"
         "          nvidia.com/gpu: \"" +
         std::to_string(gpus) +
         "\"\n"
         "        limits:\n          memory: 16Gi\n          nvidia.com/gpu: \"" +
         std::to_string(gpus) + "\"\n";
    s += "      securityContext:\n        allowPrivilegeEscalation: false\n"
         "        runAsNonRoot: true\n";
    if (shm) {
      s += "      volumeMounts:\n        - name: dshm\n          mountPath: /dev/shm\n";
      s += "    volumes:\n      - name: dshm\n        emptyDir:\n          medium: Memory\n"
           "          sizeLimit: 4Gi\n";
    }
    return s;
  }

  // ---- the seed guides' manifests ----
  // Each shaped like one the guides show, with their omissions kept; names,
  // namespaces, images and GPU counts vary.
  std::vector<std::string> GuideBundle(int team, const std::string& name) {
    std::string ns = "team-" + std::to_string(team);
    std::vector<std::string> out;
    uint32_t r = rng_.Below(100);
    if (r < 14) {  // LLM inference: Deployment, Service, CPU HPA (003)
      out.push_back(GuideLlm(ns, name));
      out.push_back(GuideService(ns, name));
      out.push_back(GuideHpa(ns, name, "apps/v1", "Deployment", 1));
    } else if (r < 30) {  // GPU Deployment on the AI pool (000)
      out.push_back(GuideAiDeployment(ns, name));
      if (rng_.Chance(0.3)) out.push_back(GuideService(ns, name));
    } else if (r < 40) {  // nvidia-smi / workload Pod (000, 004)
      out.push_back(GuidePod(ns, name));
    } else if (r < 60) {  // training Job (000, 001, 003, 004)
      out.push_back(GuideJob(ns, name));
      if (rng_.Chance(0.2)) out.push_back(GuideConfigMap(ns, name));
    } else if (r < 66) {  // scaler CronJob (001)
      out.push_back(GuideCronJob(ns, name));
    } else if (r < 86) {  // TFJob Chief + Workers (004)
      if (rng_.Chance(0.3)) out.push_back(GuideConfigMap(ns, name));
      out.push_back(GuideTfJob(ns, name));
    } else if (r < 96) {  // KServe predictor on a PVC, HPA to zero (004)
      if (rng_.Chance(0.5)) out.push_back(GuidePvc(ns, name));
      out.push_back(GuideInferenceService(ns, name));
      out.push_back(GuideHpa(ns, name, "serving.kserve.io/v1beta1", "InferenceService", 0));
    } else {
      out.push_back(GuideConfigMap(ns, name));
      out.push_back(GuidePvc(ns, name));
    }
    return out;
  }

  static std::string GuideMeta(const std::string& ns, const std::string& name) {
    return "metadata:\n  name: " + name + "\n  namespace: " + ns + "\n";
  }

  std::string GuideGpuImage() {
    static constexpr const char* kImages[] = {
        "nvidia/cuda:12.0-runtime-ubuntu22.04", "pytorch/pytorch:2.0.0-cuda11.7-cudnn8-runtime",
        "tensorflow/tensorflow:2.14.0-gpu",     "pytorch/pytorch:latest",
        "your-registry/ml-training:latest",     "agent_bus:latest"};
    return rng_.Pick(kImages);
  }

  // The guides' GPU toleration and AI-pool selector, at `p`.
  std::string GuideScheduling(const std::string& p) {
    std::string s;
    if (rng_.Chance(0.8)) {
      s += p + "tolerations:\n" + p + "  - key: \"nvidia.com/gpu\"\n" + p + "    operator: \"Equal\"\n" + p +
           "    value: \"true\"\n" + p + "    effect: \"NoSchedule\"\n";
    }
    if (rng_.Chance(0.7)) {
      s += p + "nodeSelector:\n" + p + "  node-type: ai\n";
      if (rng_.Chance(0.3)) s += p + "  node.kubernetes.io/instance-type: p4d.24xlarge\n";
    }
    return s;
  }

  // A container list item at `p` with `gpus` GPUs; `full` gives it the
  // requests and limits the better guide sections write.
  std::string GuideContainer(const std::string& p, const std::string& name, const std::string& image, int gpus,
                             bool full) {
    std::string s = p + "- name: " + name + "\n" + p + "  image: " + image + "\n";
    if (rng_.Chance(0.5)) s += p + "  command: [\"python\", \"train.py\"]\n";
    s += p + "  resources:\n" + p + "    limits:\n" + p + "      nvidia.com/gpu: " + std::to_string(gpus) + "\n";
    if (full) {
      s += p + "      memory: \"16Gi\"\n" + p + "      cpu: \"4\"\n" + p + "    requests:\n" + p +
           "      memory: \"8Gi\"\n" + p + "      cpu: \"2\"\n";
    }
    if (gpus > 1 && rng_.Chance(0.5)) {
      s += p + "  env:\n" + p + "  - name: CUDA_VISIBLE_DEVICES\n" + p + "    value: \"0\"\n";
    }
    return s;
  }

  int GuideGpus() { return rng_.Chance(0.75) ? 1 : (rng_.Chance(0.5) ? 2 : 4); }

  std::string GuidePod(const std::string& ns, const std::string& name) {
    ++workloads_;
    ++gpu_workloads_;
    std::string s = "apiVersion: v1\nkind: Pod\n" + GuideMeta(ns, name) + "spec:\n";
    if (rng_.Chance(0.5)) s += "  restartPolicy: OnFailure\n";
    s += GuideScheduling("  ");
    s += "  containers:\n" + GuideContainer("    ", "cuda-test", "nvidia/cuda:12.0.0-base-ubuntu22.04", 1, false);
    return s;
  }

  std::string GuideAiDeployment(const std::string& ns, const std::string& name) {
    ++workloads_;
    ++gpu_workloads_;
    std::string s = "apiVersion: apps/v1\nkind: Deployment\n" + GuideMeta(ns, name) +
                    "spec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: " + name +
                    "\n  template:\n    metadata:\n      labels:\n        app: " + name + "\n    spec:\n";
    s += GuideScheduling("      ");
    s += "      containers:\n" + GuideContainer("        ", "training", GuideGpuImage(), GuideGpus(), rng_.Chance(0.3));
    return s;
  }

  std::string GuideLlm(const std::string& ns, const std::string& name) {
    ++workloads_;
    ++gpu_workloads_;
    std::string s = "apiVersion: apps/v1\nkind: Deployment\n" + GuideMeta(ns, name) +
                    "spec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: " + name +
                    "\n  template:\n    metadata:\n      labels:\n        app: " + name + "\n    spec:\n";
    s += "      containers:\n      - name: llm\n        image: ghcr.io/huggingface/text-generation-inference:latest\n"
         "        resources:\n          limits:\n            nvidia.com/gpu: 1\n        env:\n"
         "        - name: MODEL_ID\n          value: mistralai/Mistral-7B-Instruct\n        ports:\n"
         "        - containerPort: 3000\n";
    return s;
  }

  std::string GuideService(const std::string& ns, const std::string& name) {
    return "apiVersion: v1\nkind: Service\n" + GuideMeta(ns, name + "-svc") + "spec:\n  selector:\n    app: " + name +
           "\n  ports:\n    - port: 80\n      targetPort: 3000\n";
  }

  std::string GuideHpa(const std::string& ns, const std::string& name, const char* api, const char* kind, int min) {
    std::string s = std::string("apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\n") +
                    GuideMeta(ns, name + "-hpa") + "spec:\n  scaleTargetRef:\n    apiVersion: " + api +
                    "\n    kind: " + kind + "\n    name: " + name + "\n  minReplicas: " + std::to_string(min) +
                    "\n  maxReplicas: 5\n  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n"
                    "      target:\n        type: Utilization\n        averageUtilization: 70\n";
    return s;
  }

  std::string GuideJob(const std::string& ns, const std::string& name) {
    ++workloads_;
    ++gpu_workloads_;
    std::string s = "apiVersion: batch/v1\nkind: Job\n" + GuideMeta(ns, name) + "spec:\n";
    if (rng_.Chance(0.2)) s += "  backoffLimit: 3\n  ttlSecondsAfterFinished: 3600\n";
    s += "  template:\n    spec:\n";
    s += GuideScheduling("      ");
    s += "      containers:\n" + GuideContainer("      ", "trainer", GuideGpuImage(), GuideGpus(), rng_.Chance(0.3));
    s += std::string("      restartPolicy: ") + (rng_.Chance(0.5) ? "Never" : "OnFailure") + "\n";
    return s;
  }

  std::string GuideCronJob(const std::string& ns, const std::string& name) {
    ++workloads_;
    return "apiVersion: batch/v1\nkind: CronJob\n" + GuideMeta(ns, name) +
           "spec:\n  schedule: \"0 9 * * 1-5\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
           "          containers:\n          - name: scaler\n            image: bitnami/kubectl\n"
           "            command:\n            - kubectl\n            - scale\n            - nodepool\n"
           "            - gpu-pool\n            - --replicas=5\n";
  }

  std::string GuideTfJob(const std::string& ns, const std::string& name) {
    ++workloads_;
    ++gpu_workloads_;
    std::string s = "apiVersion: kubeflow.org/v1\nkind: TFJob\n" + GuideMeta(ns, name) + "spec:\n  tfReplicaSpecs:\n";
    for (const char* role : {"Chief", "Worker"}) {
      s += std::string("    ") + role + ":\n      replicas: " + (role[0] == 'C' ? "1" : "3") +
           "\n      template:\n        spec:\n          containers:\n          - name: tensorflow\n"
           "            image: tensorflow/tensorflow:2.14.0-gpu\n"
           "            command: [\"python\", \"/scripts/train.py\"]\n            resources:\n"
           "              limits:\n                nvidia.com/gpu: 1\n            volumeMounts:\n"
           "            - name: training-script\n              mountPath: /scripts\n          volumes:\n"
           "          - name: training-script\n            configMap:\n              name: " +
           name + "\n";
    }
    return s;
  }

  std::string GuideInferenceService(const std::string& ns, const std::string& name) {
    ++workloads_;
    ++gpu_workloads_;
    return "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\n" + GuideMeta(ns, name) +
           "spec:\n  predictor:\n    tensorflow:\n      storageUri: \"pvc://" + name +
           "/\"\n      resources:\n        limits:\n          nvidia.com/gpu: 1\n          memory: \"4Gi\"\n"
           "          cpu: \"2\"\n        requests:\n          memory: \"2Gi\"\n          cpu: \"1\"\n";
  }

  std::string GuidePvc(const std::string& ns, const std::string& name) {
    return "apiVersion: v1\nkind: PersistentVolumeClaim\n" + GuideMeta(ns, name) +
           "spec:\n  accessModes:\n  - ReadWriteOnce\n  resources:\n    requests:\n      storage: 10Gi\n";
  }

  std::string GuideConfigMap(const std::string& ns, const std::string& name) {
    return "apiVersion: v1\nkind: ConfigMap\n" + GuideMeta(ns, name) +
           "data:\n  train.py: |\n    import tensorflow as tf\n    strategy = tf.distribute.MirroredStrategy()\n"
           "    print(strategy.num_replicas_in_sync)\n";
  }

  void WriteGuideSpec() {
    std::string s =
        "# The seed guides' cluster (mlspec-benchgen guides): a CPU pool and an AI\n"
        "# pool of p4d.24xlarge nodes labelled node-type=ai, with the GPU taint.\n"
        "[cluster]\nname = \"guides\"\nprovider = \"eks\"\nregion = \"us-east-1\"\n"
        "kubernetes_version = \"1.31\"\n\n"
        "[pools.cpu]\ninstance_type = \"m6i.4xlarge\"\nmin_nodes = 2\nmax_nodes = 50\n\n"
        "[pools.ai]\ninstance_type = \"p4d.24xlarge\"\nmin_nodes = 0\nmax_nodes = 50\n"
        "labels = { \"node-type\" = \"ai\" }\n"
        "taints = [\"nvidia.com/gpu=true:NoSchedule\"]\n\n";
    for (int t = 0; t < kTeams; ++t) {
      s += "[namespaces.team-" + std::to_string(t) +
           "]\nquota = { gpu = 100000, cpu = \"1000000\", memory = \"100000Ti\" }\n\n";
    }
    std::ofstream(out_ / "spec.toml", std::ios::binary) << s;
  }

  void WriteSpec() {
    std::string s =
        "# Cluster the benchmark corpus was written for (mlspec-benchgen).\n"
        "[cluster]\nname = \"bench\"\nprovider = \"eks\"\nregion = \"us-east-1\"\n"
        "kubernetes_version = \"1.31\"\n\n"
        "[pools.cpu]\ninstance_type = \"m6i.4xlarge\"\nmin_nodes = 2\nmax_nodes = 50\n\n"
        "[pools.a10g]\ninstance_type = \"g5.12xlarge\"\nmin_nodes = 0\nmax_nodes = 50\n"
        "taints = [\"nvidia.com/gpu=true:NoSchedule\"]\n\n"
        "[pools.h100]\ninstance_type = \"p5.48xlarge\"\nmin_nodes = 0\nmax_nodes = 20\n"
        "taints = [\"nvidia.com/gpu=true:NoSchedule\"]\n\n";
    for (int t = 0; t < kTeams; ++t) {
      s += "[namespaces.team-" + std::to_string(t) +
           "]\nquota = { gpu = 100000, cpu = \"1000000\", memory = \"100000Ti\" }\n\n";
    }
    std::ofstream(out_ / "spec.toml", std::ios::binary) << s;
  }

  Rng rng_;
  fs::path out_;
  bool guides_ = false;
  size_t written_ = 0, files_ = 0, bytes_ = 0, rendered_files_ = 0;
  size_t workloads_ = 0, gpu_workloads_ = 0;
  size_t defects_[kDefectCount] = {};
  std::map<int, std::vector<std::string>> rendered_;
};

// ---- spec ----
int WriteSpecFile(int pools, uint64_t seed, const fs::path& out) {
  Rng rng(seed);
  struct PoolKind {
    const char* instance;
    int gpus;
  };
  constexpr PoolKind kKinds[] = {
      {"g5.12xlarge", 4}, {"p5.48xlarge", 8}, {"g6e.12xlarge", 4}, {"p4d.24xlarge", 8}, {"m6i.4xlarge", 0}};
  int namespaces = pools / 4 + 2;
  std::string s = "# A generated spec: " + std::to_string(pools) + " pools, " + std::to_string(5 * pools) +
                  " profiles, " + std::to_string(pools) + " inference services, " + std::to_string(namespaces) +
                  " namespaces (mlspec-benchgen).\n"
                  "[cluster]\nname = \"bench\"\nprovider = \"eks\"\nregion = \"us-east-1\"\n"
                  "kubernetes_version = \"1.31\"\n\n";
  std::vector<int> gpus_of(pools);
  for (int i = 0; i < pools; ++i) {
    // The first pool is always CPU, so the platform services have a home.
    const PoolKind& k = i == 0 ? kKinds[4] : kKinds[rng.Below(5)];
    gpus_of[i] = k.gpus;
    s += "[pools.p" + std::to_string(i) + "]\ninstance_type = \"" + k.instance +
         "\"\nmin_nodes = " + std::to_string(k.gpus ? 0 : 1) + "\nmax_nodes = " + std::to_string(2 + rng.Below(20)) +
         "\n";
    s += "labels = { \"team\" = \"t" + std::to_string(i % namespaces) + "\" }\n";
    if (k.gpus) {
      s += "taints = [\"nvidia.com/gpu=true:NoSchedule\"]\n";
      if (rng.Chance(0.3)) s += "spot = true\n";
    }
    s += "\n";
  }
  for (int n = 0; n < namespaces; ++n) {
    s += "[namespaces.ns-" + std::to_string(n) +
         "]\nquota = { gpu = 100000, cpu = \"100000\", memory = \"100000Gi\" }\n"
         "default_request = { cpu = \"250m\", memory = \"512Mi\" }\n\n";
  }
  std::vector<std::string> gpu_profiles;
  for (int j = 0; j < 5 * pools; ++j) {
    int pool = j % pools;
    std::string name = "prof-" + std::to_string(j);
    // Terse on purpose: mlspec reads spec files of at most 1 MiB.
    s += "[profiles." + name + "]\npool = \"p" + std::to_string(pool) + "\"\n";
    if (gpus_of[pool]) {
      s += "image = \"pytorch/pytorch:2.4.0\"\ngpu = 1\ncpu = \"4\"\nmemory = \"16Gi\"\n"
           "shm = \"2Gi\"\n\n";
      gpu_profiles.push_back(name);
    } else {
      s += "image = \"jupyter/scipy:2024\"\ncpu = \"1\"\nmemory = \"4Gi\"\n\n";
    }
  }
  s += "[jupyterhub]\nnamespace = \"ns-0\"\nprofiles = [";
  for (int j = 0; j < 5 * pools; ++j) s += (j ? ", \"prof-" : "\"prof-") + std::to_string(j) + "\"";
  s += "]\ndefault_profile = \"prof-0\"\n\n";
  s += "[mlflow]\nnamespace = \"ns-1\"\nbackend_store_secret = \"mlflow-db\"\n"
       "artifact_root = \"s3://bench/mlflow\"\n\n";
  for (int i = 0; i < pools; ++i) {
    std::string prof = gpu_profiles.empty() ? "prof-0" : gpu_profiles[i % gpu_profiles.size()];
    s += "[inference.svc-" + std::to_string(i) + "]\nnamespace = \"ns-" + std::to_string(i % namespaces) +
         "\"\nmodel_format = \"pytorch\"\nstorage_uri = "
         "\"s3://bench/models/m" +
         std::to_string(i) + "/\"\nprofile = \"" + prof + "\"\nmin_replicas = 1\nmax_replicas = 4\n\n";
  }
  s += "[monitoring]\nprometheus_url = \"http://prometheus-operated.monitoring.svc:9090\"\n\n";
  s += "[gpu_operator]\ndriver = false\n\n"
       "[preflight]\nimage = \"ghcr.io/example/mlspec-preflight:0.1.0\"\n\n"
       "[gitops]\nrepo_url = \"https://github.com/example/bench.git\"\nrevision = \"main\"\n"
       "path = \"output\"\n";
  if (out.has_parent_path()) fs::create_directories(out.parent_path());
  std::ofstream(out, std::ios::binary) << s;
  std::cout << "spec " << out.string() << ": " << pools << " pools\n";
  return 0;
}

int Usage() {
  std::cerr << "usage: mlspec-benchgen corpus --docs N [--seed S] --out DIR\n"
               "       mlspec-benchgen guides --docs N [--seed S] --out DIR\n"
               "       mlspec-benchgen spec --pools N [--seed S] --out FILE\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage();
  std::string mode = argv[1];
  uint64_t seed = 1, n = 0;
  std::string out;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string_view k = argv[i];
    if (k == "--docs" || k == "--pools") n = std::strtoull(argv[i + 1], nullptr, 10);
    else if (k == "--seed") seed = std::strtoull(argv[i + 1], nullptr, 10);
    else if (k == "--out") out = argv[i + 1];
    else return Usage();
  }
  if (n == 0 || out.empty()) return Usage();
  if (mode == "corpus" || mode == "guides") {
    fs::remove_all(out);
    return CorpusWriter(seed, out, mode == "guides").Run(n);
  }
  if (mode == "spec") return WriteSpecFile(static_cast<int>(n), seed, out);
  return Usage();
}
